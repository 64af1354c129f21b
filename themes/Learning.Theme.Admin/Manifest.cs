using Learning.Modularity;

[assembly: Theme(
    Name = "Learning.Theme.Admin",
    Layout = "/Themes/Admin/_Layout.cshtml",
    IsAdmin = true,
    Description = "Administration shell: menu built from the enabled modules, filtered by permission.")]
