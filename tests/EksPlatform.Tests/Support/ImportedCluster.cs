using Amazon.CDK;
using EksPlatform.Cluster;

namespace EksPlatform.Tests.Support;

/// <summary>An existing cluster by attributes, in an empty stack outside us-east-1: the minimal input a construct built alone takes.</summary>
internal static class ImportedCluster
{
    public const string Region = "eu-west-1";
    public const string Account = "111122223333";

    public static EksClusterAttributes Attributes { get; } = new(
        name: "existing",
        clusterArn: $"arn:aws:eks:{Region}:{Account}:cluster/existing",
        endpoint: "https://0123456789ABCDEF0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
        certificateAuthorityData: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        clusterSecurityGroupId: "sg-0123456789abcdef0",
        serviceIpv4Cidr: "172.20.0.0/16",
        oidcProviderArn: $"arn:aws:iam::{Account}:oidc-provider/oidc.eks.{Region}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF",
        oidcIssuerUrl: $"https://oidc.eks.{Region}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF",
        kubernetesVersion: "1.33");

    /// <summary>An empty stack in <see cref="Region"/>, in an app writing to <paramref name="outdir"/> when given.</summary>
    public static Stack EmptyStack(string? outdir = null) =>
        new(new App(outdir is null ? null : new AppProps { Outdir = outdir }), "Alone",
            new StackProps { Env = new Amazon.CDK.Environment { Account = Account, Region = Region } });
}
