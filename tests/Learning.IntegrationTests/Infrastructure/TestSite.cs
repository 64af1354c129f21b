using System.Net;
using Learning.Data;
using Learning.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Learning.IntegrationTests.Infrastructure;

/// <summary>
/// The real host in-process on a fresh database of the given provider. PostgreSQL comes from
/// LEARNING_TEST_POSTGRES (test.sh starts a throwaway server); when it is not reachable the test fails, it is not skipped.
/// </summary>
public sealed class TestSite : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.vn";
    public const string AdminPassword = "Quantri2026x";

    private readonly DatabaseProvider provider;
    private readonly string connectionString;
    private readonly string? postgresDatabase;
    private readonly string? sqliteFolder;
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private Uri? kestrelAddress;
    private readonly ErrorLog errors = new();

    /// <summary>What the host logged at Error or above, with the exception: a test that sees a 500 can say why (the console
    /// log of the host does not reach a CI run's output).</summary>
    public IReadOnlyCollection<string> ServerErrors => errors.Entries;

    private TestSite(DatabaseProvider provider, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        this.provider = provider;
        this.settings = settings;
        this.services = services;
        if (provider == DatabaseProvider.Sqlite)
        {
            sqliteFolder = Directory.CreateTempSubdirectory("learning-test-").FullName;
            connectionString = $"Data Source={Path.Combine(sqliteFolder, "learning.db")}";
        }
        else
        {
            postgresDatabase = "learning_test_" + Guid.NewGuid().ToString("N")[..12];
            connectionString = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = postgresDatabase }.ConnectionString;
        }
    }

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("LEARNING_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres";

    public DatabaseProvider Provider => provider;

    /// <summary>A second host given this (as <c>Learning:Database:ConnectionString</c>) is a second web node on the same database.</summary>
    public string ConnectionString => connectionString;

    /// <summary>Starts a host; with <paramref name="setUp"/> it runs setup with the given recipe (in-process, as the CLI does).</summary>
    /// <param name="kestrel">Serve over a real Kestrel on 127.0.0.1 (its limits and connection handling), not the in-memory test
    /// server; <see cref="CreateSiteClient"/> then talks to it over TCP.</param>
    public static async Task<TestSite> StartAsync(DatabaseProvider provider, bool setUp = true, string? recipe = "setup", Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool kestrel = false)
    {
        var site = new TestSite(provider, settings ?? [], services);
        if (kestrel)
        {
            site.UseKestrel(0);
            site.StartServer();
            var addresses = site.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
            site.kestrelAddress = new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel has no address."));
        }
        else
        {
            _ = site.Server;
        }

        if (setUp)
        {
            await using var scope = site.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<SetupService>()
                .SetupAsync(new SetupRequest("Trang thử nghiệm", AdminEmail, AdminPassword, recipe));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        }

        return site;
    }

    /// <summary>Starts a host (SQLite) that must refuse to start; returns why, after cleaning up.</summary>
    public static async Task<Exception> FailToStartAsync(Dictionary<string, string?> settings)
    {
        var site = new TestSite(DatabaseProvider.Sqlite, settings, null);
        try
        {
            _ = site.Server;
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            await site.DisposeAsync();
        }

        throw new Xunit.Sdk.XunitException("The host started.");
    }

    public async Task<T> WithDbAsync<T>(Func<LearningDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LearningDbContext>());
    }

    public Task<Learning.Modularity.RecipeResult> RunRecipeAsync(string json) =>
        WithServiceAsync<Learning.Modularity.IRecipeRunner, Learning.Modularity.RecipeResult>(r => r.RunAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), null, Learning.Modularity.RecipeRunOptions.System));

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Demo cadres get accounts without a password; tests give one, as an administrator would.</summary>
    public async Task<string> SetPasswordAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Learning.Data.Entities.LearningUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No account " + email);
        await users.RemovePasswordAsync(user);
        var result = await users.AddPasswordAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    public async Task<SiteClient> SignedInAsync(string email, string password = "Hocvien2026x")
    {
        if (email != AdminEmail)
        {
            await SetPasswordAsync(email, password);
        }

        var client = CreateSiteClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, await client.SignInAsync(email, email == AdminEmail ? AdminPassword : password));
        return client;
    }

    /// <summary>A client that behaves as a browser on this site's own pages: it says so in <c>Sec-Fetch-Site</c>, as browsers do.</summary>
    /// <summary>
    /// Posts a cadre file to the import page as a browser would, then runs the queued import job (the test host runs no worker
    /// of its own) and returns the page the browser is sent to, showing the outcome; a file refused outright returns that page.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> ImportCadresAsync(SiteClient client, string fileName, byte[] bytes)
    {
        var posted = await client.PostFileAsync("/Admin/Organization/Cadres/Import", "file", fileName, bytes);
        if (posted.Location is null)
        {
            return posted;
        }

        var worker = Services.GetRequiredService<Learning.Data.Jobs.JobWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        return await client.GetAsync(posted.Location);
    }

    // One generated test signer for the run, outside the source tree: never one left in src/Learning.Web/App_Data by an
    // earlier run or by a host whose clock a test had moved.
    // Removed when the test process exits, so runs do not pile folders up in /tmp.
    private static readonly Lazy<string> SharedTestSignerFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("learning-test-signer-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(folder);
        return folder;
    });

    // The site's own files folder (the default one, not one a test passed in its settings), removed with the site.
    private readonly string filesFolder = Path.Combine(Path.GetTempPath(), "learning-test-files-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Where a site started with <c>kestrel: true</c> listens (127.0.0.1 and a free port), for clients outside this process.</summary>
    public Uri Address => kestrelAddress ?? throw new InvalidOperationException("This site was not started with kestrel: true.");

    public SiteClient CreateSiteClient(string fetchSite = "same-origin")
    {
        var http = kestrelAddress is { } address
            ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) }
            : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add("Sec-Fetch-Site", fetchSite);
        return new(http);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Learning:Database:Provider", provider.ToString());
        builder.UseSetting("Learning:Courses:RunAssignmentSync", "false");
        builder.UseSetting("Learning:Courses:FilesPath", filesFolder);
        builder.UseSetting("Learning:Database:ConnectionString", connectionString);
        builder.UseSetting("Learning:Jobs:RunWorker", "false");
        builder.UseSetting("Learning:Certificates:TestSignerFolder", SharedTestSignerFolder.Value);
        // Report views are counted on every visit unless a test keeps them (ReportSnapshotTests): on a starved machine a tiny
        // view can take the second that would keep it, and a test that changes data would see the kept numbers.
        builder.UseSetting("Learning:Reports:Snapshots:Minutes", "0");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(errors));
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> entries = new();

        public IReadOnlyCollection<string> Entries => entries;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && entries.Count < 50)
            {
                entries.Enqueue(formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception));
            }
        }

        public void Dispose()
        {
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(sqliteFolder, recursive: true);
        }

        DeleteQuietly(filesFolder);
        GC.SuppressFinalize(this);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // a temp folder still in use by a process the test started; the system's temp cleaning takes it
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }
}
