using Learning.Web.Hosting;

// A command in a process of its own (ADR-047): a small host, built and gone, never a web server.
if (HostCommands.Matches(args))
{
    return await HostCommands.RunAsync(args);
}

var builder = LearningHostExtensions.CreateLearningBuilder(args);
builder.AddLearning();

var app = builder.Build();
app.UseLearning();

return await app.RunLearningAsync(args);

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
