using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Every managed node group runs on its own launch template, with Bottlerocket (EKS-managed via
/// AmiType, or a custom AMI from the Bottlerocket SSM parameter) and encrypted gp3 volumes with our key.
/// </summary>
internal sealed class NodeGroupLaunchTemplateCheck : ComplianceCheck
{
    private const string LaunchTemplateIdKey = "Id"; // the CloudFormation key, not this class's Id

    public override string Id => "EKSP-003";

    public override string Title => "Node groups on launch templates with Bottlerocket and encrypted gp3 volumes (KMS key)";

    public override string Basis => "docs/architecture.md §6 (Nodes); docs/bottlerocket.md §2-§7; docs/auto-mode.md §4, §5, §10 (Auto Mode)";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var nodeGroups = context.All("AWS::EKS::Nodegroup").ToList();
        if (nodeGroups.Count == 0)
        {
            var autoMode = AutoModeClusters.In(context);
            return autoMode.Count == 0
                ? NotApplicable("No AWS::EKS::Nodegroup in the templates.")
                : Outcome($"No node groups: EKS Auto Mode runs the compute of {string.Join(", ", autoMode)}. Its nodes are AWS-managed, " +
                    "Bottlerocket-based, without launch templates of ours; their volumes are always encrypted, and the platform NodeClass " +
                    "(applied after deploy, not in the template) names the platform EBS key (docs/auto-mode.md §4, §5, §10).", []);
        }
        var findings = new List<ComplianceFinding>();
        foreach (var (template, nodeGroup) in nodeGroups)
        {
            var stack = template.StackName;
            var spec = nodeGroup["LaunchTemplate"] as JsonObject;
            var launchTemplate = spec is null ? null : template.Referenced(spec[LaunchTemplateIdKey]) ?? template.Referenced(spec["Name"]);
            if (spec is null)
            {
                findings.Add(new(stack, nodeGroup.LogicalId, "No LaunchTemplate: EKS uses its own template (no encrypted gp3, no IMDS settings)."));
                continue;
            }
            if (launchTemplate?.Type != "AWS::EC2::LaunchTemplate")
            {
                findings.Add(new(stack, nodeGroup.LogicalId, "LaunchTemplate does not refer to an AWS::EC2::LaunchTemplate in this template."));
                continue;
            }
            var data = launchTemplate["LaunchTemplateData"] as JsonObject ?? [];
            if (BottlerocketProblem(nodeGroup, data, template) is { } problem)
            {
                findings.Add(new(stack, nodeGroup.LogicalId, problem));
            }
            foreach (var volumeProblem in VolumeProblems(data))
            {
                findings.Add(new(stack, launchTemplate.LogicalId, $"{volumeProblem} (node group {nodeGroup.LogicalId})."));
            }
        }
        return Outcome($"Checked {nodeGroups.Count} node group(s).", findings);
    }

    private static string? BottlerocketProblem(TemplateResource nodeGroup, JsonObject data, TemplateModel template)
    {
        if (Intrinsics.AsString(nodeGroup["AmiType"]) is { } amiType)
        {
            return amiType.StartsWith("BOTTLEROCKET_", StringComparison.Ordinal) ? null : $"AmiType {amiType} is not Bottlerocket.";
        }
        // Custom-AMI mode: the image id must come from the Bottlerocket SSM public parameter.
        var imageId = data["ImageId"];
        if (imageId is null)
        {
            return "No AmiType and no ImageId: EKS picks its default AMI, not Bottlerocket.";
        }
        var mentions = Intrinsics.AsString(imageId) ?? "";
        if (Intrinsics.ReferencedLogicalId(imageId) is { } parameterName && template.Parameter(parameterName) is { } parameter)
        {
            mentions = $"{template.Resolve(parameter["Default"])} {Intrinsics.AsString(parameter["Type"])}";
        }
        return mentions.Contains("bottlerocket", StringComparison.OrdinalIgnoreCase)
            ? null
            : "No AmiType, and the launch template's ImageId is not a Bottlerocket SSM parameter.";
    }

    private static IEnumerable<string> VolumeProblems(JsonObject data)
    {
        var mappings = Intrinsics.Items(data["BlockDeviceMappings"]).OfType<JsonObject>().ToList();
        if (mappings.Count == 0)
        {
            yield return "Launch template has no BlockDeviceMappings, so volumes use AMI defaults (not our key, not gp3)";
            yield break;
        }
        foreach (var mapping in mappings)
        {
            if (mapping["Ebs"] is not JsonObject ebs)
            {
                continue; // NoDevice / instance-store entries hold no EBS volume.
            }
            var device = Intrinsics.AsString(mapping["DeviceName"]) ?? "?";
            if (!Intrinsics.IsTrue(ebs["Encrypted"]))
            {
                yield return $"Volume {device}: Encrypted is not true";
            }
            if (ebs["KmsKeyId"] is null)
            {
                yield return $"Volume {device}: no KmsKeyId (AWS-managed key instead of the platform key)";
            }
            if (Intrinsics.AsString(ebs["VolumeType"]) != "gp3")
            {
                yield return $"Volume {device}: VolumeType is {Intrinsics.AsString(ebs["VolumeType"]) ?? "unset"}, not gp3";
            }
        }
    }
}
