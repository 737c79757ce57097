namespace EksPlatform.Settings;

/// <summary>The controller rules: which controllers get a role, and what external-secrets may read.</summary>
internal sealed partial class SettingsBuilder
{
    private const string NamePrefixPath = "controllers.externalSecrets.namePrefix";

    private ControllerSettings Controllers()
    {
        var externalSecrets = Bool("controllers.externalSecrets.enabled") ?? true;
        var ebs = Bool("controllers.ebsCsiDriver.enabled") ?? true;
        var ebsVersion = Str("controllers.ebsCsiDriver.addonVersion");
        if (!ebs && ebsVersion is not null)
        {
            Error("controllers.ebsCsiDriver.addonVersion", "given while controllers.ebsCsiDriver.enabled is false; enable the add-on or remove the version");
        }

        return new ControllerSettings
        {
            ClusterAutoscaler = Bool("controllers.clusterAutoscaler.enabled") ?? true,
            AwsLoadBalancerController = Bool("controllers.awsLoadBalancerController.enabled") ?? true,
            ExternalSecrets = new ExternalSecretsSettings { Enabled = externalSecrets, NamePrefix = NamePrefix(externalSecrets) },
            EbsCsiDriver = new EbsCsiDriverSettings { Enabled = ebs, AddonVersion = ebs ? ebsVersion : null },
        };
    }

    /// <summary>
    /// The external-secrets name prefix. The schema checks its characters (those both Secrets Manager and SSM allow)
    /// and the trailing slash that keeps <c>prod/</c> from also matching <c>production/</c>; SSM reserves names that
    /// start with <c>aws</c> or <c>ssm</c>, so such a prefix could never match a parameter.
    /// </summary>
    private string NamePrefix(bool enabled)
    {
        var given = Str(NamePrefixPath);
        var prefix = given ?? $"{Str("cluster.name") ?? ""}/";
        if (enabled && !invalid.Contains(NamePrefixPath)
            && (prefix.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("ssm", StringComparison.OrdinalIgnoreCase)))
        {
            Error(NamePrefixPath, given is null
                ? $"the default prefix '{prefix}' (the cluster name) starts with 'aws' or 'ssm', which SSM Parameter Store reserves; set a prefix such as 'platform/{prefix}'"
                : $"'{prefix}' starts with 'aws' or 'ssm', which SSM Parameter Store reserves for its own parameters; choose another prefix");
        }

        return prefix;
    }
}
