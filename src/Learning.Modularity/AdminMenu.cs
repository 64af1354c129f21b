namespace Learning.Modularity;

/// <summary>One menu entry. <see cref="Text"/> is already localized by the provider; no permission = every signed-in user.</summary>
public sealed record MenuItem(string Text, string Url, Permission? Permission, int Order = 0);

/// <summary>A module contributes admin menu entries by registering one of these (scoped, so it can localize).</summary>
public interface IAdminMenuProvider
{
    IEnumerable<MenuItem> GetItems();
}

/// <summary>A module's entries in the site theme's navigation (what learners see), filtered by permission like the admin menu.</summary>
public interface ISiteMenuProvider
{
    IEnumerable<MenuItem> GetItems();
}

/// <summary>A module's tabs on the person's own account pages (<c>/Account/Manage</c>), after the account module's own.</summary>
public interface IAccountMenuProvider
{
    IEnumerable<MenuItem> GetItems();
}
