using System.Xml.Linq;
using Learning.Data.Entities;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Data;

/// <summary>
/// Data-protection keys in the database, so every web node decrypts the cookies and antiforgery tokens the others issued.
/// (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore is not served by our registry; this is the same idea in 40 lines.)
/// </summary>
public sealed class DbXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        return db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        if (db.DataProtectionKeys.Any(k => k.FriendlyName == friendlyName))
        {
            return;
        }

        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException) when (db.DataProtectionKeys.AsNoTracking().Any(k => k.FriendlyName == friendlyName))
        {
            // Another node stored the same key first.
        }
    }
}
