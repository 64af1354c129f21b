using Learning.Web.Hosting;

var builder = LearningHostExtensions.CreateLearningBuilder(args);
builder.AddLearning();

var app = builder.Build();
app.UseLearning();

return await app.RunLearningAsync(args);

/// <summary>Exposed for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
