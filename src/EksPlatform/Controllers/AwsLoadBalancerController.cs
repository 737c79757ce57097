using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using EksPlatform.Compliance;
using EksPlatform.Identity;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>AWS Load Balancer Controller, chart 3.5.0 (app v3.5.0), in kube-system as its install guide does.</summary>
public sealed class AwsLoadBalancerController : Controller
{
    /// <summary>The pinned release whose policy is embedded.</summary>
    public const string Version = "v3.5.0";

    /// <summary>Name of the embedded policy file (Controllers/Data/, kept byte for byte as published).</summary>
    public const string PolicyResource = "EksPlatform.Controllers.Data.aws-load-balancer-controller-v3.5.0.json";

    /// <summary>Auto Mode runs the AWS Load Balancer Controller's function itself (docs/auto-mode.md §4).</summary>
    public override bool ReplacedByAutoMode => true;

    /// <inheritdoc/>
    public override string Name => "aws-load-balancer-controller";

    /// <inheritdoc/>
    public override string ConstructId => "AwsLoadBalancerController";

    /// <inheritdoc/>
    public override ServiceAccountRef ServiceAccount { get; } = new("kube-system", "aws-load-balancer-controller");

    /// <inheritdoc/>
    public override HelmChart Chart { get; } =
        new("eks", "https://aws.github.io/eks-charts", "aws-load-balancer-controller", "3.5.0", "aws-load-balancer-controller");

    /// <inheritdoc/>
    public override string SettingsKey => "awsLoadBalancerController";

    /// <inheritdoc/>
    public override string RoleDescription(ControllerContext context) => $"AWS Load Balancer Controller {Version} of {context.Cluster.Name}";

    /// <summary>
    /// The official <c>docs/install/iam_policy.json</c> of v3.5.0 (kubernetes-sigs/aws-load-balancer-controller;
    /// docs/iam-policies.md §3), loaded from the embedded data file with <c>arn:aws:</c> rewritten to the stack's
    /// partition. Hardening from its install guide (docs/deploy/installation.md): the one statement that changes ingress
    /// rules of any security group without a condition is limited to security groups in this VPC (<c>ArnEquals ec2:Vpc</c>).
    /// </summary>
    public override IReadOnlyList<PolicyStatement> Statements(ControllerContext context)
    {
        var document = JsonNode.Parse(PolicyText())!.AsObject();
        var statements = document["Statement"]!.AsArray().Select(s => s!.AsObject()).ToList();

        var permissive = statements.Where(IsUnconditionedIngressStatement).ToList();
        if (permissive.Count != 1)
        {
            throw new InvalidOperationException(
                "expected exactly one unconditioned AuthorizeSecurityGroupIngress/RevokeSecurityGroupIngress statement " +
                $"in the {Version} policy, found {permissive.Count}: has the data file changed?");
        }

        var vpcArn = context.Stack.FormatArn(new ArnComponents { Service = "ec2", Resource = "vpc", ResourceName = context.Vpc.VpcId });
        permissive[0]["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["ec2:Vpc"] = vpcArn } };

        return statements.Select(s => PolicyStatement.FromJson(ToPlain(s)!)).ToArray();
    }

    /// <inheritdoc/>
    public override void Suppress(IControllerRole role, ControllerContext context)
    {
        const string partition = "arn:<AWS::Partition>";
        NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
            $"official AWS Load Balancer Controller {Version} policy, kept as published: the controller creates and names load balancers, " +
            "target groups and security groups at run time, and most writes are limited by the elbv2.k8s.aws/cluster tag",
            "Resource::*",
            $"Resource::{partition}:ec2:*:*:security-group/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:targetgroup/*/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:loadbalancer/net/*/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:loadbalancer/app/*/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:listener/net/*/*/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:listener/app/*/*/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
            $"Resource::{partition}:elasticloadbalancing:*:*:listener-rule/app/*/*/*");
    }

    /// <summary>Cluster, region and VPC given, so it never needs instance metadata (docs/security-facts.md §4).</summary>
    public override IReadOnlyDictionary<string, object> ChartValues(ChartValuesContext context) => new Dictionary<string, object>
    {
        ["clusterName"] = context.Settings.Cluster.Name,
        ["region"] = context.Settings.Region.Name,
        ["vpcId"] = context.Output(StackOutputKeys.VpcId, "VPC ID"),
        ["serviceAccount"] = ServiceAccountValues(context.RoleArn),
    };

    /// <inheritdoc/>
    public override string InstallNote(PlatformSettings settings) =>
        "# aws-load-balancer-controller: Helm never upgrades CRDs, so the pinned chart's own CRDs (crds/crds.yaml, what the\n" +
        "# chart README applies with kustomize) are applied first (aws/eks-charts stable/aws-load-balancer-controller).\n" +
        "crds=$(mktemp -d)\n" +
        $"helm pull {Chart.Reference} --version {Chart.Version} --untar --untardir \"$crds\"\n" +
        $"kubectl apply -f \"$crds/{Chart.Name}/crds/crds.yaml\"\n" +
        "rm -rf \"$crds\"\n";

    /// <summary>The embedded v3.5.0 policy exactly as published.</summary>
    public static string PolicyText()
    {
        using var stream = typeof(AwsLoadBalancerController).Assembly.GetManifestResourceStream(PolicyResource)
            ?? throw new InvalidOperationException($"resource {PolicyResource} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool IsUnconditionedIngressStatement(JsonObject statement) =>
        statement["Condition"] is null
        && statement["Resource"] is JsonValue resource && (string?)resource == "*"
        && statement["Action"] is JsonArray actions
        && actions.Select(a => (string?)a).Order(StringComparer.Ordinal)
            .SequenceEqual(["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]);

    /// <summary>JSON → the dictionaries and arrays jsii marshals; ARNs get the stack's partition.</summary>
    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)!),
        JsonArray array => array.Select(ToPlain).ToArray(),
        JsonValue value when value.TryGetValue<string>(out var text) =>
            text.StartsWith("arn:aws:", StringComparison.Ordinal) ? $"arn:{Aws.PARTITION}:{text["arn:aws:".Length..]}" : text,
        JsonValue value => value.GetValue<object>(),
        _ => null,
    };
}
