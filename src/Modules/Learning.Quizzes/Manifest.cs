using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Quizzes",
    Category = "Learning",
    Description = "Question bank (Moodle XML, GIFT, CSV and XLSX), quizzes as lessons, timed attempts that survive a lost connection, accommodations, grading and item analysis.",
    Dependencies = ["Learning.Users", "Learning.Organization", "Learning.Courses", "Learning.Notifications"],
    RecipeSteps = ["questionBank", "quizzes"],
    LessonKinds = ["quiz"])]
[assembly: NeutralResourcesLanguage("vi")]
