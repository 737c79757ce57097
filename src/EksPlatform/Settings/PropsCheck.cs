namespace EksPlatform.Settings;

/// <summary>
/// How a construct refuses bad props: the first problem of its settings record's <c>Problems()</c>, thrown with the
/// prop's name (e.g. <c>Settings.MaxSize</c>). The loader reports the same problems at their field paths instead.
/// </summary>
internal static class PropsCheck
{
    /// <summary>Throws an <see cref="ArgumentException"/> for the first problem, if any.</summary>
    /// <param name="problems">Problems as (settings field in camelCase, sentence).</param>
    /// <param name="prop">The name of the prop holding the settings record.</param>
    /// <param name="subject">What the construct builds, for the message (e.g. <c>node group 'apps'</c>).</param>
    public static void ThrowIfAny(IEnumerable<(string Field, string Message)> problems, string prop, string subject)
    {
        if (problems.FirstOrDefault() is ({ } field, { } message))
        {
            throw new ArgumentException($"{subject}: {message}", $"{prop}.{char.ToUpperInvariant(field[0])}{field[1..]}");
        }
    }
}
