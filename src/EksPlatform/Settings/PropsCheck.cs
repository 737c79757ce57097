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
    /// <param name="record">The settings record's type: nested fields (<c>alarms.pendingPods.threshold</c>) are named by
    /// its property path (<c>Alarms.PendingPods.Threshold</c>) as far as properties reach; what follows (map keys such as
    /// a Bottlerocket setting's path) is kept as written. Null: only the first segment is capitalised.</param>
    public static void ThrowIfAny(IEnumerable<(string Field, string Message)> problems, string prop, string subject, Type? record = null)
    {
        if (problems.FirstOrDefault() is ({ } field, { } message))
        {
            throw new ArgumentException($"{subject}: {message}", $"{prop}.{PropertyPath(field, record)}");
        }
    }

    /// <summary>
    /// Throws for the first problem of a record whose fields are the construct's props themselves (the access entry's
    /// <c>principalArn</c> is the prop <c>PrincipalArn</c>).
    /// </summary>
    public static void ThrowIfAny(IEnumerable<(string Field, string Message)> problems, string subject)
    {
        if (problems.FirstOrDefault() is ({ } field, { } message))
        {
            throw new ArgumentException($"{subject}: {message}", PropertyPath(field, record: null));
        }
    }

    /// <summary><c>externalSecrets.namePrefix</c> → <c>ExternalSecrets.NamePrefix</c> while <paramref name="record"/> has such properties.</summary>
    private static string PropertyPath(string field, Type? record)
    {
        var segments = field.Split('.');
        var path = new List<string> { Capitalise(segments[0]) };
        var type = PropertyType(record, path[0]);
        for (var i = 1; i < segments.Length; i++)
        {
            var name = Capitalise(segments[i]);
            if (PropertyType(type, name) is not { } next)
            {
                path.AddRange(segments[i..]);
                break;
            }

            path.Add(name);
            type = next;
        }

        return string.Join('.', path);
    }

    private static string Capitalise(string segment) => segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..];

    /// <summary>
    /// The type of the property a segment names (an index such as <c>[1]</c> is not part of the name); with an index, the type
    /// of the list's items (<c>Budgets[0]</c> of an <c>ImmutableArray&lt;DisruptionBudget&gt;</c> is a <c>DisruptionBudget</c>).
    /// </summary>
    private static Type? PropertyType(Type? type, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        var property = type?.GetProperty(bracket < 0 ? segment : segment[..bracket])?.PropertyType;
        return bracket >= 0 && property is { IsGenericType: true } list && list.GetGenericArguments() is [var item] ? item : property;
    }
}
