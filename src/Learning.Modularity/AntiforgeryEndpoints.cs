using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modularity;

/// <summary>
/// JSON endpoints called by the site's own scripts: the antiforgery token travels in the <c>RequestVerificationToken</c>
/// header (minimal APIs check it by themselves only for form posts). GETs pass.
/// </summary>
public static class AntiforgeryEndpoints
{
    public static TBuilder RequireAntiforgeryHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(ValidateAsync);

    private static async ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (HttpMethods.IsGet(http.Request.Method) || await antiforgery.IsRequestValidAsync(http))
        {
            return await next(context);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "antiforgery");
    }
}
