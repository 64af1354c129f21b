using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Learning.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/Learning.Web -- setup --recipe setup --admin-email a@b.vn --admin-password …</c>
/// and <c>… -- recipe run content-recipes/x.recipe.json</c>. Without a command the host serves HTTP.
/// Every option can also come from the environment: LEARNING_SITE_NAME, LEARNING_RECIPE, LEARNING_ADMIN_EMAIL, LEARNING_ADMIN_PASSWORD.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunLearningAsync(this WebApplication app, string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
        if (command is not null)
        {
            // The verbs do not start the host, so the options' start-up validation (ValidateOnStart) is run here.
            app.Services.GetService<IStartupValidator>()?.Validate();
        }

        switch (command)
        {
            case null:
                app.Lifetime.ApplicationStarted.Register(() => AnnounceUrls(app));
                await app.RunAsync();
                return 0;
            case "setup":
                return await SetupAsync(app, args[1..]);
            case "recipe" when args.Length >= 3 && args[1] == "run":
                return await RunRecipeAsync(app, args[2]);
            default:
                await Console.Error.WriteLineAsync("Usage: Learning.Web [setup --site-name NAME --recipe NAME --admin-email EMAIL --admin-password PASSWORD] | [recipe run FILE]");
                return 2;
        }
    }

    private static async Task<int> SetupAsync(WebApplication app, string[] args)
    {
        string? Option(string name, string env)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : Environment.GetEnvironmentVariable(env);
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        var result = await setup.SetupAsync(new SetupRequest(
            Option("site-name", "LEARNING_SITE_NAME") ?? "",
            Option("admin-email", "LEARNING_ADMIN_EMAIL") ?? "",
            Option("admin-password", "LEARNING_ADMIN_PASSWORD") ?? "",
            Option("recipe", "LEARNING_RECIPE")));
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            return result.AlreadySetUp ? 3 : 1;
        }

        Console.WriteLine("Setup complete.");
        PrintSkipped(result.Skipped);
        return 0;
    }

    /// <summary>What a recipe left out because its module is switched off: its steps, and lessons of a kind it renders.</summary>
    private static void PrintSkipped(IReadOnlyList<string> skipped)
    {
        if (skipped.Count > 0)
        {
            Console.WriteLine($"  skipped, their module switched off: {string.Join(", ", skipped)}");
        }
    }

    private static async Task<int> RunRecipeAsync(WebApplication app, string path)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var result = await scope.ServiceProvider.GetRequiredService<IRecipeRunner>().RunFileAsync(path, RecipeRunOptions.System);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"{result.RecipeName}: {result.Error}");
            if (result.StepName is not null || result.JsonPath is not null)
            {
                await Console.Error.WriteLineAsync($"  step: {result.StepName ?? "-"}  path: {result.JsonPath ?? "-"}");
            }

            return 1;
        }

        Console.WriteLine($"Recipe '{result.RecipeName}' ran {result.StepsExecuted} step(s).");
        PrintSkipped(result.Skipped);

        return 0;
    }

    private static void AnnounceUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            Console.WriteLine($"Learning is running at {address}  (Ctrl+C to stop)");
        }
    }
}
