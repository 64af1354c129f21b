using System.Globalization;

namespace Learning.Modularity;

/// <summary>
/// Values for the attributes of pages rendered thousands of times at once (an exam's attempt page), written without a new
/// object each time. Razor takes an attribute's value as an <see cref="object"/>: <c>checked="@chosen"</c> boxes the bool and
/// <c>data-slot="@q.Slot"</c> boxes the number and formats it, for every option of every question of every page. These give
/// Razor the same value already made: <see cref="Flag"/> a bool, which Razor still writes as the attribute's name (true) or
/// leaves out (false); <see cref="Number"/> a number's text.
/// </summary>
public static class RazorValues
{
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly string[] Small = [.. Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static object Flag(bool on) => on ? True : False;

    public static string Number(int value) => (uint)value < (uint)Small.Length ? Small[value] : value.ToString(CultureInfo.InvariantCulture);

    public static string Number(long value) => (ulong)value < (ulong)Small.Length ? Small[value] : value.ToString(CultureInfo.InvariantCulture);
}
