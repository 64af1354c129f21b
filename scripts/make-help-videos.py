"""The demo help videos in content-recipes/help/: three 18-s slide videos (640x360, silent) with Vietnamese captions, made
with ffmpeg and Noto Sans (Debian fonts-noto-core). Run from the repository root: python3 scripts/make-help-videos.py"""
import subprocess, os
os.makedirs("/tmp/help-videos", exist_ok=True); os.chdir("/tmp/help-videos")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content-recipes", "help")
F="/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"; B="/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
videos = {
 "nop-ho-so-truc-tuyen": ("#1f5f8b", "Nộp hồ sơ trực tuyến cho người dân", [
   ("Bước 1", "Đăng nhập Cổng Dịch vụ công quốc gia\nbằng tài khoản VNeID của người dân."),
   ("Bước 2", "Chọn thủ tục, điền biểu mẫu điện tử\nvà đính kèm bản số hóa giấy tờ."),
   ("Bước 3", "Kiểm tra lại, bấm “Nộp hồ sơ”\nvà ghi lại mã hồ sơ để tra cứu."),
 ]),
 "ky-so-van-ban": ("#8b1f1f", "Ký số văn bản bằng chữ ký số công vụ", [
   ("Chuẩn bị", "Cắm thiết bị ký số (USB token)\nhoặc mở ứng dụng ký số từ xa."),
   ("Ký", "Mở văn bản PDF, chọn vị trí ký,\nnhập mã PIN và xác nhận."),
   ("Kiểm tra", "Mở lại tệp đã ký: chữ ký hợp lệ\nhiển thị tên và chức danh người ký."),
 ]),
 "tra-cuu-ho-so": ("#2f6b2f", "Tra cứu tình trạng hồ sơ", [
   ("Tra cứu", "Vào mục “Tra cứu hồ sơ”\ntrên Cổng Dịch vụ công."),
   ("Nhập mã", "Nhập mã hồ sơ in trên giấy biên nhận\nhoặc trong tin nhắn gửi người dân."),
   ("Kết quả", "Xem bước đang xử lý, hạn trả kết quả\nvà thông báo cho người dân."),
 ]),
}
def ts(s): return "00:%02d.000" % s
for slug,(color,title,slides) in videos.items():
    parts=[]; vtt=["WEBVTT",""]
    for i,(head,body) in enumerate(slides):
        open(f"{slug}-{i}-h.txt","w").write(title+"\n"+head); open(f"{slug}-{i}-b.txt","w").write(body)
        out=f"{slug}-{i}.mp4"
        vf=(f"drawtext=fontfile={B}:textfile={slug}-{i}-h.txt:fontcolor=white:fontsize=26:line_spacing=8:x=40:y=50,"
            f"drawtext=fontfile={F}:textfile={slug}-{i}-b.txt:fontcolor=white:fontsize=28:line_spacing=12:x=40:y=190")
        subprocess.check_call(["ffmpeg","-v","error","-y","-f","lavfi","-i",f"color=c={color}:s=640x360:r=10:d=6","-f","lavfi","-i","anullsrc=r=22050:cl=mono",
            "-t","6","-vf",vf,"-c:v","libx264","-preset","veryslow","-crf","30","-pix_fmt","yuv420p","-c:a","aac","-b:a","24k","-shortest",out])
        parts.append(out)
        vtt += [f"{ts(i*6)} --> {ts(i*6+6)}", head+": "+body.replace("\n"," "), ""]
    open(f"{slug}.txt","w").write("".join(f"file '{p}'\n" for p in parts))
    subprocess.check_call(["ffmpeg","-v","error","-y","-f","concat","-safe","0","-i",f"{slug}.txt","-c","copy","-movflags","+faststart",f"{slug}.mp4"])
    open(f"{slug}.vi.vtt","w").write("\n".join(vtt))
    for ext in (".mp4", ".vi.vtt"):
        os.replace(slug + ext, os.path.join(OUT, slug + ext))
