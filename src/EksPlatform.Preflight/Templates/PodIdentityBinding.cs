using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>
/// One EKS Pod Identity association found in a template, with what the trust policy of its role admits: an
/// <c>AWS::EKS::PodIdentityAssociation</c>, or an entry of an <c>AWS::EKS::Addon</c>'s <c>PodIdentityAssociations</c> (whose
/// namespace is the add-on's own, known for the add-ons listed in <see cref="AddonNamespaces"/>).
/// </summary>
/// <param name="Owner">The association or the add-on.</param>
/// <param name="Namespace">The service account's namespace; null when an add-on's namespace is not known here.</param>
/// <param name="ServiceAccount">The service account's name.</param>
/// <param name="Role">The role the association names, when it is in the template.</param>
/// <param name="TrustsPods">The role trusts <c>pods.eks.amazonaws.com</c> with both <c>sts:AssumeRole</c> and <c>sts:TagSession</c>.</param>
/// <param name="LimitedToAccount">Every such trust statement requires, with <c>StringEquals</c>, the session tags
/// <c>kubernetes-namespace</c> and <c>kubernetes-service-account</c> of this very account.</param>
internal sealed record PodIdentityBinding(TemplateResource Owner, string? Namespace, string ServiceAccount, TemplateResource? Role, bool TrustsPods,
    bool LimitedToAccount)
{
    /// <summary>The service principal of EKS Pod Identity.</summary>
    public const string PodsPrincipal = "pods.eks.amazonaws.com";

    /// <summary>The namespaces of EKS managed add-ons whose associations the platform creates (EKS user guide, per add-on).</summary>
    public static readonly IReadOnlyDictionary<string, string> AddonNamespaces = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vpc-cni"] = "kube-system",
        ["aws-ebs-csi-driver"] = "kube-system",
        ["amazon-cloudwatch-observability"] = "amazon-cloudwatch",
    };

    /// <summary>The subject an IRSA trust would name for the same account: <c>system:serviceaccount:NS:NAME</c>.</summary>
    public string? Subject => Namespace is null ? null : $"system:serviceaccount:{Namespace}:{ServiceAccount}";

    /// <summary>Every association of <paramref name="template"/>.</summary>
    public static IEnumerable<PodIdentityBinding> Of(TemplateModel template)
    {
        foreach (var association in template.OfType("AWS::EKS::PodIdentityAssociation"))
        {
            if (Intrinsics.AsString(association["ServiceAccount"]) is { } name)
            {
                yield return Bind(template, association, Intrinsics.AsString(association["Namespace"]), name, association["RoleArn"]);
            }
        }

        foreach (var addon in template.OfType("AWS::EKS::Addon"))
        {
            var ns = Intrinsics.AsString(addon["AddonName"]) is { } addonName ? AddonNamespaces.GetValueOrDefault(addonName) : null;
            foreach (var entry in Intrinsics.Items(addon["PodIdentityAssociations"]).OfType<JsonObject>())
            {
                if (Intrinsics.AsString(entry[nameof(ServiceAccount)]) is { } name)
                {
                    yield return Bind(template, addon, ns, name, entry["RoleArn"]);
                }
            }
        }
    }

    private static PodIdentityBinding Bind(TemplateModel template, TemplateResource owner, string? ns, string name, JsonNode? roleArn)
    {
        var role = template.Referenced(roleArn) is { Type: "AWS::IAM::Role" } found ? found : null;
        var statements = PolicyDocuments.Statements(role is null ? null : PolicyDocuments.Read(role["AssumeRolePolicyDocument"], template))
            .Where(s => Intrinsics.AsString(s["Effect"]) == "Allow"
                && PolicyDocuments.Strings((s["Principal"] as JsonObject)?["Service"], template).Contains(PodsPrincipal))
            .ToList();
        var actions = statements.SelectMany(s => PolicyDocuments.Strings(s["Action"], template)).ToHashSet(StringComparer.Ordinal);
        var trusts = actions.Contains("sts:AssumeRole") && actions.Contains("sts:TagSession");
        var limited = statements.Count > 0 && statements.All(s => s["Condition"]?["StringEquals"] is JsonObject equals
            && ns is not null
            && PolicyDocuments.Strings(equals["aws:RequestTag/kubernetes-namespace"], template).SequenceEqual([ns])
            && PolicyDocuments.Strings(equals["aws:RequestTag/kubernetes-service-account"], template).SequenceEqual([name]));
        return new PodIdentityBinding(owner, ns, name, role, trusts, limited);
    }
}
