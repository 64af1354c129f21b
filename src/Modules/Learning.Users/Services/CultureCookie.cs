using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Learning.Users.Services;

/// <summary>The UI-language cookie that <c>CookieRequestCultureProvider</c> reads: set by the language switch and at sign-in.</summary>
public static class CultureCookie
{
    public static void Append(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
