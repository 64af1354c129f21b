using System.Resources;
using Learning.Modularity;

[assembly: Module(
    Name = "Learning.Notifications",
    Category = "Communication",
    Description = "Notifications in the site header and by e-mail (MailKit through a database outbox), Liquid templates, preferences and digests, reminders.",
    Dependencies = ["Learning.Users", "Learning.Organization"])]
[assembly: NeutralResourcesLanguage("vi")]
