namespace Learning.Modularity;

/// <summary>One entry of the admin shell's menu. <see cref="Text"/> is already localized by the provider.</summary>
public sealed record AdminMenuItem(string Text, string Url, Permission? Permission, int Order = 0);

/// <summary>A module contributes admin menu entries by registering one of these (scoped, so it can localize).</summary>
public interface IAdminMenuProvider
{
    IEnumerable<AdminMenuItem> GetItems();
}
