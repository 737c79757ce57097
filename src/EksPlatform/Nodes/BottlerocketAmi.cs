using EksPlatform.Settings;

namespace EksPlatform.Nodes;

/// <summary>Where Bottlerocket AMIs come from (docs/bottlerocket.md §1, §2).</summary>
public static class BottlerocketAmi
{
    /// <summary>The managed node group AMI type for an architecture (managed mode).</summary>
    public static string AmiType(CpuArchitecture architecture) =>
        architecture == CpuArchitecture.Arm64 ? "BOTTLEROCKET_ARM_64" : "BOTTLEROCKET_x86_64";

    /// <summary>
    /// The public SSM parameter holding the AMI id (custom mode):
    /// <c>/aws/service/bottlerocket/aws-k8s-&lt;version&gt;/&lt;arch&gt;/&lt;latest|bottlerocket version&gt;/image_id</c>.
    /// The pinned-version form (version without a leading v) is documented by Bottlerocket but not checked against a
    /// live account (docs/bottlerocket.md §1);
    /// check with <c>aws ssm get-parameters-by-path --path /aws/service/bottlerocket/aws-k8s-1.35/x86_64</c>.
    /// </summary>
    public static string SsmParameter(string kubernetesVersion, CpuArchitecture architecture, string? bottlerocketVersion) =>
        $"/aws/service/bottlerocket/aws-k8s-{kubernetesVersion}/{(architecture == CpuArchitecture.Arm64 ? "arm64" : "x86_64")}/" +
        $"{bottlerocketVersion ?? "latest"}/image_id";
}
