using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>One name the platform derives from settings, and the limit of the resource property that carries it.</summary>
/// <param name="What">What the name is, for messages.</param>
/// <param name="Value">The name.</param>
/// <param name="MaxLength">The property's limit in characters.</param>
/// <param name="Allowed">Characters allowed beyond ASCII letters and digits; null when any are.</param>
/// <param name="Source">Where the limit is documented (docs/limits-and-policies.md §3).</param>
public sealed record DerivedName(string What, string Value, int MaxLength, string? Allowed, string Source)
{
    /// <summary>The problem with this name in words, or null when it fits.</summary>
    public string? Problem() =>
        Value.Length > MaxLength ? $"makes the {What} '{Value}' {Value.Length} characters long; {Source} allows {MaxLength}"
        : Allowed is not null && Value.Any(c => !char.IsAsciiLetterOrDigit(c) && !Allowed.Contains(c))
            ? $"makes the {What} '{Value}', but {Source} allows only letters, digits and {string.Join(" ", Allowed.ToCharArray())}"
            : null;
}

/// <summary>
/// Every name the platform derives from the cluster name, built here and nowhere else, so that the constructs use these
/// names and the settings loader checks each against the limit of the resource that carries it (a name too long for
/// its resource would otherwise fail only at deploy). Limits: docs/limits-and-policies.md §3.
/// </summary>
public static class DerivedNames
{
    /// <summary>The purposes of the platform's KMS keys, which name their aliases.</summary>
    public static readonly ImmutableArray<string> KeyPurposes = ["secrets", "logs", "ebs", "alarms"];

    /// <summary>The alarm names after the cluster prefix.</summary>
    public static readonly ImmutableArray<string> AlarmSuffixes = ["apiserver-5xx-rate", "pending-pods", "failed-nodes", "node-cpu", "node-memory"];

    /// <summary>The alarm topic's display name (SNS: at most 100 characters).</summary>
    public static string AlarmTopicDisplayName(string clusterName) => $"{clusterName} alarms";

    /// <summary>The dashboard (CloudWatch: 255, letters, digits, '-' and '_').</summary>
    public static string Dashboard(string clusterName) => $"{clusterName}-platform";

    /// <summary>Every alarm is named <c>&lt;cluster&gt;-&lt;what&gt;</c>; the alarm topic admits exactly those.</summary>
    public static string AlarmPrefix(string clusterName) => $"{clusterName}-";

    /// <summary>A key's alias (KMS: 256 with the alias/ prefix).</summary>
    public static string KeyAlias(string clusterName, string purpose) => $"alias/{clusterName}/{purpose}";

    /// <summary>The in-VPC installer's CodeBuild project (CodeBuild: 2 to 150 letters, digits, '-' and '_'; docs/installer.md §5).</summary>
    public static string InstallerProject(string clusterName) => $"{clusterName}-install-controllers";

    /// <summary>Every derived name with its limit.</summary>
    public static IEnumerable<DerivedName> All(string clusterName)
    {
        yield return new("alarm topic's display name", AlarmTopicDisplayName(clusterName), 100, null, "SNS (AWS::SNS::Topic DisplayName)");
        yield return new("dashboard name", Dashboard(clusterName), 255, "-_", "CloudWatch (PutDashboard DashboardName)");
        foreach (var suffix in AlarmSuffixes)
        {
            yield return new("alarm name", AlarmPrefix(clusterName) + suffix, 255, null, "CloudWatch (PutMetricAlarm AlarmName)");
        }

        foreach (var alias in KeyAliases(clusterName))
        {
            yield return alias;
        }

        yield return new("installer project name", InstallerProject(clusterName), 150, "-_", "CodeBuild (CreateProject name)");
        yield return LogGroup(LogGroupNames.Installer(InstallerProject(clusterName)));

        foreach (var logGroup in new[] { LogGroupNames.ControlPlane(clusterName), LogGroupNames.FlowLogs(clusterName) })
        {
            yield return LogGroup(logGroup);
        }
    }

    /// <summary>The alias of each of the platform's keys, with the alias limit.</summary>
    public static IEnumerable<DerivedName> KeyAliases(string prefix) =>
        KeyPurposes.Select(purpose => new DerivedName("key alias", KeyAlias(prefix, purpose), 256, "/_-", "KMS (CreateAlias AliasName)"));

    /// <summary>A log group name with the log group name limit.</summary>
    public static DerivedName LogGroup(string name) => new("log group name", name, 512, "_-/.#", "CloudWatch Logs (CreateLogGroup logGroupName)");
}
