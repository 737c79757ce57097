using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>
/// The form of an EKS managed add-on version (<c>v1.2.3-eksbuild.1</c>), as every add-on version field of the settings
/// schema states it (<c>$defs/addonVersion</c>, <c>controllers.ebsCsiDriver.addonVersion</c>,
/// <c>observability.addonVersion</c>); a test keeps them in step.
/// </summary>
public static partial class EksAddonVersion
{
    /// <summary>The rule as the schema's regular expression.</summary>
    public const string Pattern = "^v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+$";

    /// <summary>The rule in words, for messages (the schema's <c>x-rule</c>).</summary>
    public const string Rule = "an EKS add-on version such as v1.2.3-eksbuild.1";

    /// <summary>Whether <paramref name="version"/> has the form.</summary>
    public static bool IsValid(string version) => Form().IsMatch(version);

    [GeneratedRegex(Pattern)]
    private static partial Regex Form();
}
