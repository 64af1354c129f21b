using Fluid;

namespace Learning.Notifications.Services.Templates;

/// <summary>A template's three parts, parsed (safe to render from many threads at once).</summary>
public sealed record ParsedTemplate(IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html);
