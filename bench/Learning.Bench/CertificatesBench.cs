using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Learning.Certificates.Services.Pdf;

namespace Learning.Bench;

/// <summary>
/// Complete signed A4 certificates per second through the product's renderer (the default template: quốc hiệu, emblem,
/// Vietnamese body, QR code, visible signature, SHA-256 CMS signature with an RSA-3072 key), single-threaded and with all cores.
/// Each certificate has its own serial, so nothing is reused that a real run could not reuse.
/// </summary>
internal static class CertificatesBench
{
    public static async Task RunAsync(int count, int runs, string? sample)
    {
        var now = DateTime.UtcNow;
        using var signer = X509CertificateLoader.LoadPkcs12(CertificateSigner.CreateTestSigner(now), null, X509KeyStorageFlags.EphemeralKeySet);
        var design = CertificateDesign.From(DefaultCertificateTemplate.Create(now)) with { TemplateId = 1 };
        var facts = DefaultCertificateTemplate.Sample(now);

        async Task<byte[]> One(int i)
        {
            var serial = string.Create(CultureInfo.InvariantCulture, $"KH-2026-{i:000000}");
            return await CertificateRenderer.RenderAsync(design, facts with { Serial = serial }, "https://hoctap.khanhhoa.gov.vn/verify/" + serial, signer, true, null, now);
        }

        var first = await One(0);
        if (sample is not null)
        {
            await File.WriteAllBytesAsync(sample, first);
        }

        for (var i = 1; i < 20; i++)
        {
            await One(i); // warm-up: JIT, font subsetting tables
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"certificate size {first.Length / 1024.0:0.0} KiB, {Environment.ProcessorCount} cores"));
        var single = new List<double>();
        var parallel = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await One(i);
            }

            single.Add(count / watch.Elapsed.TotalSeconds);
            watch.Restart();
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (i, _) => await One(i));
            parallel.Add(count / watch.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: single {single[^1]:0.0} signed/s, parallel {parallel[^1]:0.0} signed/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours single median {Median(single):0.0} signed/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours parallel median {Median(parallel):0.0} signed/s"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
