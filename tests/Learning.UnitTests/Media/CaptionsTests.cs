using Learning.Media.Services;

namespace Learning.UnitTests.Media;

public sealed class CaptionsTests
{
    [Fact]
    public void Srt_IsRead_WithTagsRemoved_AndWrittenAsWebVtt()
    {
        var cues = Captions.Parse("\uFEFF1\r\n00:00:01,000 --> 00:00:04,500\r\nMở hồ sơ <i>cần</i> xử lý.\r\n\r\n2\r\n01:02:03,250 --> 01:02:05,000\r\nDòng một\r\ndòng hai &amp; ba\r\n");
        Assert.Equal(2, cues.Count);
        Assert.Equal(new Cue(1000, 4500, "Mở hồ sơ cần xử lý."), cues[0]);
        Assert.Equal(3_723_250, cues[1].StartMs);
        Assert.Equal("Dòng một dòng hai & ba", cues[1].Text);
        var vtt = Captions.ToWebVtt(cues);
        Assert.StartsWith("WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n", vtt, StringComparison.Ordinal);
        Assert.Contains("01:02:03.250 --> 01:02:05.000\nDòng một dòng hai &amp; ba", vtt, StringComparison.Ordinal);
        Assert.Equal(cues, Captions.Parse(vtt));
    }

    [Fact]
    public void WebVtt_WithHeaderNotesAndIds_IsRead()
    {
        var cues = Captions.Parse("WEBVTT - hướng dẫn\nKind: captions\n\nNOTE bản nháp\n\nmo-dau\n00:05.000 --> 00:07.000 align:start\nXin chào\n");
        Assert.Equal([new Cue(5000, 7000, "Xin chào")], cues);
    }

    [Theory]
    [InlineData("1\n00:00:01,000 -> 00:00:02,000\nthiếu mũi tên\n", 2)]
    [InlineData("1\n00:00:05,000 --> 00:00:02,000\nngược\n", 2)]
    [InlineData("một\n00:00:01,000 --> 00:00:02,000\nsố thứ tự hỏng\n", 1)]
    [InlineData("", 1)]
    public void Malformed_Files_NameTheLine(string text, int line)
    {
        var error = Assert.Throws<CaptionFormatException>(() => Captions.Parse(text));
        Assert.Equal(line, error.Line);
    }
}
