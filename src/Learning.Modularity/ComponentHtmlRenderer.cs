using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Logging;

namespace Learning.Modularity;

/// <summary>
/// Renders a module's Razor components (its Components/ folder) to HTML, for its pages and for the lesson page, which takes a lesson's
/// body and asides as <see cref="IHtmlContent"/>. One <see cref="HtmlRenderer"/> per request scope, made on first use: it
/// activates components from the scope's services (so they get its localizer and the host's HTML encoder), and its dispatcher
/// runs an uncontended render inline on the calling thread.
/// </summary>
public sealed class ComponentHtmlRenderer(IServiceProvider services, ILoggerFactory loggerFactory) : IDisposable, IAsyncDisposable
{
    private HtmlRenderer? renderer;

    public async Task<IHtmlContent> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var html = renderer ??= new HtmlRenderer(services, loggerFactory);
        var output = await html.Dispatcher.InvokeAsync(async () =>
        {
            var root = await html.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return root.ToHtmlString();
        });
        return new HtmlString(output);
    }

    public void Dispose() => renderer?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (renderer is not null)
        {
            await renderer.DisposeAsync();
        }
    }
}
