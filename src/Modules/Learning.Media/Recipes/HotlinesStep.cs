using Learning.Data;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Media.Recipes;

/// <summary>
/// <c>{ "name": "hotlines", "hotlines": [ { "key", "field", "name", "unit"?: org code, "phone"?, "zalo"?, "email"?, "hours"? } ] }</c>.
/// Lines are matched by key, so running the recipe again updates them.
/// </summary>
public sealed class HotlinesStep(LearningDbContext db, ICadreDirectory directory, HotlineDirectory hotlines, IStringLocalizer<MediaStrings> t) : IRecipeStepHandler
{
    public string StepName => "hotlines";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var order = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, path) in context.ArrayItems(context.Step, "hotlines", "", t["Recipe.HotlinesRequired"]).ToList())
        {
            var key = context.RequiredString(item, "key", path, t["Recipe.KeyRequired"]);
            if (!keys.Add(key))
            {
                throw context.Error(path + ".key", t["Recipe.KeyTwice", key]); // a second line with one key would overwrite the first
            }
            var field = context.RequiredString(item, "field", path, t["Recipe.FieldRequired"]);
            if (!SupportFields.All.Contains(field))
            {
                throw context.Error(path + ".field", t["Recipe.FieldUnknown", field, string.Join(", ", SupportFields.All)]);
            }

            var line = await db.Set<Hotline>().SingleOrDefaultAsync(h => h.Key == key, cancellationToken);
            if (line is null)
            {
                line = new Hotline { Key = key };
                db.Add(line);
            }

            line.Field = field;
            line.Name = context.RequiredString(item, "name", path, t["Recipe.NameRequired"]);
            line.Phone = item.OptionalString("phone");
            line.Zalo = item.OptionalString("zalo");
            line.Email = item.OptionalString("email");
            foreach (var (name, value, valid) in new[] { ("phone", line.Phone, ContactFormats.IsPhone(line.Phone)), ("zalo", line.Zalo, ContactFormats.IsPhone(line.Zalo)), ("email", line.Email, ContactFormats.IsEmail(line.Email)) })
            {
                if (!valid)
                {
                    throw context.Error(path + "." + name, t[name == "email" ? "Recipe.EmailInvalid" : "Recipe.PhoneInvalid", value ?? ""]);
                }
            }
            line.Hours = item.OptionalString("hours");
            line.SortOrder = ++order;
            if (line.Phone is null && line.Zalo is null && line.Email is null)
            {
                throw context.Error(path, t["Recipe.ContactRequired"]);
            }

            if (item.OptionalString("unit") is { } code)
            {
                var unit = await directory.FindUnitAsync(code, cancellationToken) ?? throw context.Error(path + ".unit", t["Recipe.UnitUnknown", code]);
                line.OrgPath = unit.Path;
                line.OrgName = unit.Name;
            }
            else
            {
                line.OrgPath = null;
                line.OrgName = null;
            }

            await db.SaveChangesAsync(cancellationToken);
            hotlines.Forget();
        }
    }
}
