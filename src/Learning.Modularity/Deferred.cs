using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modularity;

/// <summary>
/// <see cref="Lazy{T}"/> resolved from the scope that asked for it (registered for every <c>Lazy&lt;T&gt;</c> by the host):
/// a service that needs a dependency only on some paths takes <c>Lazy&lt;T&gt;</c> and does not build it on the others. The
/// request's database context is the reason (ADR-044): taking it rents a pooled context for the whole request, and a wave of
/// exam starts that never touch it would otherwise hold one each while they wait at the start gate.
/// Only for scoped and transient consumers: a singleton would resolve <typeparamref name="T"/> from the root provider.
/// </summary>
public sealed class Deferred<T>(IServiceProvider services) : Lazy<T>(services.GetRequiredService<T>)
    where T : notnull;
