using System.Globalization;

namespace Learning.Bench;

/// <summary>
/// Processor time spent by the host, PostgreSQL's processes, this load generator and nobody (idle, and stolen by the
/// machine's hypervisor), read from <c>/proc</c>: where the 2 cores went over a stretch of a run. Linux only; seconds.
/// </summary>
public readonly record struct CpuAccount(double Host, double Postgres, double Generator, double Idle, double Stolen, double All)
{
    private static readonly double Tick = 1.0 / 100; // USER_HZ: 100 on Linux, whatever the kernel's own tick

    public static CpuAccount Read(int hostPid)
    {
        double postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && Comm(dir) == "postgres")
            {
                postgres += Process(dir);
            }
        }

        // The machine's line: user nice system idle iowait irq softirq steal ...
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture) * Tick).ToArray();
        return new(Process($"/proc/{hostPid}"), postgres, Process($"/proc/{Environment.ProcessId}"), cpu[3] + cpu[4], cpu[7], cpu.Sum());
    }

    public static CpuAccount operator -(CpuAccount a, CpuAccount b) =>
        new(a.Host - b.Host, a.Postgres - b.Postgres, a.Generator - b.Generator, a.Idle - b.Idle, a.Stolen - b.Stolen, a.All - b.All);

    /// <summary>A line for the run's output: each share in core-seconds, per item, and as a share of the machine.</summary>
    public string Describe(int items, string item) => string.Create(CultureInfo.InvariantCulture,
        $"host {Host:0.00} s ({Host * 1000 / items:0.00} ms a {item}), PostgreSQL {Postgres:0.00} s ({Postgres * 1000 / items:0.00} ms), "
        + $"load generator {Generator:0.00} s ({Generator * 1000 / items:0.00} ms), other {Math.Max(0, All - Idle - Stolen - Host - Postgres - Generator):0.00} s, "
        + $"idle {Share(Idle)} %, stolen {Share(Stolen)} %");

    private string Share(double part) => All > 0 ? (100 * part / All).ToString("0", CultureInfo.InvariantCulture) : "–";

    private static string? Comm(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd();
        }
        catch (IOException)
        {
            return null; // gone since listed
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>utime + stime of one process (fields 14 and 15 of its stat, counted after the command's closing parenthesis).</summary>
    private static double Process(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) * Tick;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
