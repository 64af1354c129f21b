import sys, html
# usage: addres.py <Base path without .resx> key "vi" "en"
base, key, vi, en = sys.argv[1:5]
for path, val in ((base + ".resx", vi), (base + ".en.resx", en)):
    s = open(path, encoding="utf-8").read()
    entry = f'  <data name="{key}" xml:space="preserve"><value>{html.escape(val, quote=False)}</value></data>\n'
    if f'name="{key}"' in s:
        import re
        s = re.sub(r'  <data name="' + re.escape(key) + r'" xml:space="preserve"><value>.*?</value></data>\n', lambda m: entry, s, flags=re.S)
    else:
        s = s.replace("</root>", entry + "</root>")
    open(path, "w", encoding="utf-8").write(s)
