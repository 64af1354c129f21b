using Learning.Modularity;

[assembly: Theme(
    Name = "Learning.Theme.Default",
    Layout = "/Themes/Default/_Layout.cshtml",
    Description = "Mobile-first site theme, readable on a 360-px phone.")]
