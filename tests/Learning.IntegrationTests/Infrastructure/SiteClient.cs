using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Learning.IntegrationTests.Infrastructure;

/// <summary>A browser-like client: keeps cookies, reads the antiforgery token from the page's form like a browser would.</summary>
public sealed partial class SiteClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<(HttpStatusCode Status, string Body, string? Location)> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>GETs <paramref name="formPage"/>, takes its antiforgery token, and POSTs the fields to <paramref name="action"/>.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> PostFormAsync(string formPage, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var token = await TokenAsync(formPage);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        using var response = await Http.PostAsync(action ?? formPage, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    public Task<(HttpStatusCode Status, string Body, string? Location)> PostFileAsync(string formPage, string field, string fileName, byte[] bytes, string? action = null) =>
        PostMultipartAsync(formPage, [], (field, fileName, bytes, "text/csv"), action);

    /// <summary>A multipart form as a browser sends it: its fields, then a file (with the type the browser claims), and the page's antiforgery token.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> PostMultipartAsync(
        string formPage, IEnumerable<KeyValuePair<string, string>> fields, (string Field, string FileName, byte[] Bytes, string ContentType) file, string? action = null)
    {
        var token = await TokenAsync(formPage);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var part = new ByteArrayContent(file.Bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        content.Add(part, file.Field, file.FileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var response = await Http.PostAsync(action ?? formPage, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    public async Task<HttpStatusCode> SignInAsync(string email, string password)
    {
        var (status, _, _) = await PostFormAsync("/Account/Login", [new("email", email), new("password", password), new("returnUrl", "/Admin")]);
        return status;
    }

    public async Task<string> TokenAsync(string page)
    {
        var (_, body, _) = await GetAsync(page);
        var match = TokenPattern().Match(body);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    /// <summary>Signed in but not allowed: the cookie handler sends the browser to the access-denied page (which answers 403).</summary>
    public async Task AssertForbiddenAsync(string url)
    {
        var (status, _, location) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/Account/AccessDenied", new Uri(new Uri("http://localhost"), location).PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(location!)).Status);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
