namespace Learning.Modularity;

/// <summary>
/// A setting a module keeps per person and lets them change on their own account page (the Users module's
/// <c>/Account/Manage</c>), e.g. Media's data saver. The module owns its table; the account page only shows and posts it.
/// </summary>
public interface IAccountPreference
{
    /// <summary>The form field's name, unique across modules (e.g. <c>media.dataSaver</c>).</summary>
    string Name { get; }

    Task<AccountPreferenceField> ReadAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Stores a posted value; a value that is not one of the options is refused (false) and nothing changes.</summary>
    Task<bool> SaveAsync(string userId, string? value, CancellationToken cancellationToken);
}
