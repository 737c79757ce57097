namespace EksPlatform.Preflight.Replacement;

/// <summary>
/// Types whose replacement loses data. Ours (the cluster: etcd and everything deployed in it; the VPC
/// and subnets: every ENI, node and load balancer in them; keys: whatever was encrypted with them;
/// log groups: the logs; buckets) plus whatever the schema database marks stateful (tables, volumes,
/// file systems, queues, secrets...). Node groups are replaced routinely and are not here.
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
    };

    public static bool IsStateful(string type) => s_ours.Contains(type) || CreateOnlyCatalog.IsMarkedStateful(type);
}
