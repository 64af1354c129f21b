using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Media",
    Category = "Learning",
    Description = "Video tutorials: resumable upload, HLS transcoding, adaptive playback, watch tracking, captions, the help library and support hotlines.",
    Dependencies = ["Learning.Users", "Learning.Organization", "Learning.Courses"],
    RecipeSteps = ["hotlines", "helpVideos"],
    LessonKinds = ["video"])]
[assembly: NeutralResourcesLanguage("vi")]
