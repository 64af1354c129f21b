using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Bench;

/// <summary>
/// Signed-in sessions for wrk without N password hashes: the same ticket Identity writes at sign-in, protected with the
/// site's data-protection keys (kept in the database, so the server reads them). One line per session:
/// <c>cookie|courseSlug|lessonKey</c> for a course the user is enrolled in.
/// </summary>
public static class Sessions
{
    public static async Task WriteCookiesAsync(IServiceProvider services, int count, string path)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<LearningUser>>();
        var cookie = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        signIn.Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        var rows = await (from e in db.Set<Enrollment>()
                          join c in db.Set<Course>() on e.CourseId equals c.Id
                          join u in db.Users on e.UserId equals u.Id
                          where u.Email!.StartsWith("bench")
                          orderby u.Email
                          select new { e.UserId, c.Slug, e.LastLessonKey })
            .ToListAsync();
        var byUser = rows.GroupBy(r => r.UserId).Take(count).ToList();
        await using var writer = new StreamWriter(path);
        foreach (var group in byUser)
        {
            var value = await CookieAsync(signIn, cookie, await db.Users.SingleAsync(u => u.Id == group.Key));
            foreach (var enrollment in group.Take(3))
            {
                await writer.WriteLineAsync($"{value}|{enrollment.Slug}|{enrollment.LastLessonKey ?? "m1-l1"}");
            }
        }

        Console.WriteLine($"{byUser.Count} sessions written to {path}");
    }

    /// <summary>The <c>name=value</c> of the auth cookie Identity would write for <paramref name="user"/> at sign-in.</summary>
    public static async Task<string> CookieAsync(SignInManager<LearningUser> signIn, CookieAuthenticationOptions cookie, LearningUser user)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8) }, IdentityConstants.ApplicationScheme);
        return $"{cookie.Cookie.Name}={cookie.TicketDataFormat.Protect(ticket)}";
    }
}
