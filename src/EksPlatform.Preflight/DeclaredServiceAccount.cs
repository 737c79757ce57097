namespace EksPlatform.Preflight;

/// <summary>
/// A Kubernetes service account that exists once the platform is installed although no template declares it, for
/// example one that a Helm chart creates from the values <c>controllers</c> renders. IRSA roles may trust it.
/// </summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="DeclaredBy">Where it comes from, shown in findings (e.g. <c>controllers: cluster-autoscaler values</c>).</param>
public sealed record DeclaredServiceAccount(string Namespace, string Name, string DeclaredBy)
{
    /// <summary>The IRSA subject of the account: <c>system:serviceaccount:NAMESPACE:NAME</c>.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{Name}";
}
