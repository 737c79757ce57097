namespace EksPlatform.Preflight.Replacement;

/// <summary>
/// Types whose replacement loses data or identity others depend on. Ours (the cluster: etcd and
/// everything deployed in it; the VPC and subnets: every ENI, node and load balancer in them; keys:
/// data encrypted with them; log groups: the logs) plus whatever the schema database marks stateful
/// (buckets, tables, file systems, queues, secrets...). Node groups are replaced routinely and are not here.
/// </summary>
internal static class StatefulTypes
{
    private static readonly HashSet<string> s_ours = new(StringComparer.Ordinal)
    {
        "AWS::EKS::Cluster",
        "AWS::EC2::VPC",
        "AWS::EC2::Subnet",
        "AWS::KMS::Key",
        "AWS::Logs::LogGroup",
        "AWS::S3::Bucket",
        "AWS::EC2::Volume",
        "AWS::SecretsManager::Secret",
        "AWS::IAM::OIDCProvider",
    };

    public static bool IsStateful(string type) => s_ours.Contains(type) || CreateOnlyCatalog.IsMarkedStateful(type);
}
