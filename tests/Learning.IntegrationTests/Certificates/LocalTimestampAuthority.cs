using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Learning.IntegrationTests.Certificates;

/// <summary>
/// An RFC 3161 timestamp authority on 127.0.0.1 built on Debian's <c>openssl ts -reply</c>: each POSTed query is answered by
/// openssl with a key and certificate (extended key usage timeStamping, critical) made for this test.
/// </summary>
internal sealed class LocalTimestampAuthority : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly string folder = Directory.CreateTempSubdirectory("learning-tsa-").FullName;
    private readonly Task loop;
    private int answered;

    public LocalTimestampAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Learning test TSA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(Path.Combine(folder, "tsa.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "tsa.key"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, "serial"), "01\n");
        File.WriteAllText(Path.Combine(folder, "ts.cnf"), $"""
            [ tsa ]
            default_tsa = tsa_config
            [ tsa_config ]
            dir = {folder}
            serial = $dir/serial
            crypto_device = builtin
            signer_cert = $dir/tsa.crt
            signer_key = $dir/tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            other_policies = 1.2.3.4.5
            digests = sha1, sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = no
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/tsa";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Answered => Volatile.Read(ref answered);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var id = Guid.NewGuid().ToString("N");
            var query = Path.Combine(folder, id + ".tsq");
            var reply = Path.Combine(folder, id + ".tsr");
            await using (var file = File.Create(query))
            {
                await context.Request.InputStream.CopyToAsync(file);
            }

            var (exit, output) = await PdfTools.RunAsync("openssl", "ts", "-reply", "-config", Path.Combine(folder, "ts.cnf"), "-queryfile", query, "-out", reply);
            if (exit != 0)
            {
                context.Response.StatusCode = 500;
                await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(output));
            }
            else
            {
                context.Response.ContentType = "application/timestamp-reply";
                var bytes = await File.ReadAllBytesAsync(reply);
                await context.Response.OutputStream.WriteAsync(bytes);
                Interlocked.Increment(ref answered);
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
        Directory.Delete(folder, recursive: true);
    }
}
