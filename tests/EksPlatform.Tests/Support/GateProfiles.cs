using EksPlatform.Settings;

namespace EksPlatform.Tests.Support;

/// <summary>
/// The profiles every gate runs over: the shipped ones (prod, dev, the Karpenter example with every controller on EKS
/// Pod Identity, and the EKS Auto Mode example), a commercial region other than us-east-1, and one region of each other
/// partition (whose zone IDs AWS does not list, so the profile names them); aws-cn runs Karpenter with mixed identities (Karpenter on Pod Identity, the others
/// on IRSA), aws-us-gov cluster-autoscaler. Each is synthesized once into its own cloud assembly, shared by the nag,
/// cfn-lint and preflight tests.
/// </summary>
public sealed class GateProfiles : IDisposable
{
    public static readonly string[] Names = ["prod", "dev", "karpenter", "automode", "eu-west-1", "cn-north-1", "us-gov-west-1"];

    private readonly Dictionary<string, Lazy<string>> _assemblies;

    public GateProfiles()
    {
        _assemblies = Names.ToDictionary(name => name, name => new Lazy<string>(() =>
        {
            var outdir = Directory.CreateTempSubdirectory($"eksp-gate-{name}-").FullName;
            PlatformApp.Synthesize(Settings(name), outdir);
            return outdir;
        }));
    }

    /// <summary>The cloud assembly folder of a profile, synthesized on first use.</summary>
    public string Assembly(string name) => _assemblies[name].Value;

    /// <summary>The settings of a profile.</summary>
    public static PlatformSettings Settings(string name) => name switch
    {
        "prod" or "dev" or "karpenter" or "automode" => TestSettings.Env(name),
        "eu-west-1" => TestSettings.Yaml("environment: euw\nregion: eu-west-1\ncluster: { name: eks-euw }\n" +
            "observability: { alarmEmail: oncall@example.com }\n"),
        "cn-north-1" => TestSettings.Yaml("environment: cn\nregion: cn-north-1\navailabilityZones: [cnn1-az1, cnn1-az2, cnn1-az4]\n" +
            "cluster: { name: eks-cn }\nobservability: { alarmEmail: oncall@example.com }\n" +
            "autoscaling: { mode: karpenter, karpenter: { nodeClass: { bottlerocketVersion: 1.57.0 } } }\n"),
        "us-gov-west-1" => TestSettings.Yaml("environment: gov\nregion: us-gov-west-1\navailabilityZones: [usgw1-az1, usgw1-az2, usgw1-az3]\n" +
            "cluster: { name: eks-gov }\nobservability: { alarmTopicArn: 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:pager' }\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown gate profile"),
    };

    public void Dispose()
    {
        foreach (var assembly in _assemblies.Values.Where(a => a.IsValueCreated))
        {
            Directory.Delete(assembly.Value, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GateCollection : ICollectionFixture<GateProfiles>
{
    public const string Name = "gate profiles";
}
