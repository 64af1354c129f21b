# Resolve conflicts in resx files by keeping both sides' <data> lines (union, first wins on duplicate keys).
import sys, re
for p in sys.argv[1:]:
    s = open(p, encoding="utf-8").read()
    out = []
    seen = set()
    for line in s.splitlines(keepends=True):
        if line.startswith(("<<<<<<<", "=======", ">>>>>>>")):
            continue
        m = re.match(r'\s*<data name="([^"]+)"', line)
        if m:
            if m.group(1) in seen:
                continue
            seen.add(m.group(1))
        out.append(line)
    open(p, "w", encoding="utf-8").write("".join(out))
