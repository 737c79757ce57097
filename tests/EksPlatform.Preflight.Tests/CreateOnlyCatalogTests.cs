using System.Text.Json.Nodes;
using EksPlatform.Preflight.Replacement;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class CreateOnlyCatalogTests
{
    [Theory]
    [InlineData("AWS::EKS::Cluster", "Name")]
    [InlineData("AWS::EKS::Cluster", "RoleArn")]
    [InlineData("AWS::EKS::Cluster", "EncryptionConfig")]
    [InlineData("AWS::EKS::Cluster", "KubernetesNetworkConfig/IpFamily")]
    [InlineData("AWS::EKS::Cluster", "KubernetesNetworkConfig/ServiceIpv4Cidr")]
    [InlineData("AWS::EKS::Cluster", "AccessConfig/BootstrapClusterCreatorAdminPermissions")]
    [InlineData("AWS::EKS::Cluster", "BootstrapSelfManagedAddons")]
    [InlineData("AWS::EKS::Nodegroup", "InstanceTypes")]
    [InlineData("AWS::EKS::Nodegroup", "NodegroupName")]
    [InlineData("AWS::EKS::Nodegroup", "AmiType")]
    [InlineData("AWS::EKS::Nodegroup", "CapacityType")]
    [InlineData("AWS::EKS::Nodegroup", "Subnets")]
    [InlineData("AWS::EKS::Addon", "AddonName")]
    [InlineData("AWS::EKS::AccessEntry", "PrincipalArn")]
    [InlineData("AWS::IAM::OIDCProvider", "Url")]
    [InlineData("AWS::Logs::LogGroup", "LogGroupName")]
    [InlineData("AWS::EC2::VPCEndpoint", "ServiceName")]
    public void KnowsCreateOnlyPropertiesFromTheSchemas(string type, string path)
    {
        Assert.Contains(path, CreateOnlyCatalog.CreateOnlyProperties(type));
    }

    [Theory]
    [InlineData("AWS::EKS::Cluster", "Version")]
    [InlineData("AWS::EKS::Cluster", "Logging")]
    [InlineData("AWS::EKS::Cluster", "KubernetesNetworkConfig")]                       // only the paths below it that the schema lists
    [InlineData("AWS::EKS::Cluster", "KubernetesNetworkConfig/ElasticLoadBalancing")]  // EKS Auto Mode, switched on in place
    [InlineData("AWS::EKS::Nodegroup", "ScalingConfig")]
    [InlineData("AWS::EKS::Nodegroup", "LaunchTemplate")]
    [InlineData("AWS::EKS::Nodegroup", "Labels")]
    public void UpdatableOnesAreNotCreateOnly(string type, string path)
    {
        Assert.DoesNotContain(path, CreateOnlyCatalog.CreateOnlyProperties(type));
    }

    [Fact]
    public void ClusterNetworkConfigPathsAreExactlyTheSchemas()
    {
        // createOnlyProperties of AWS::EKS::Cluster in the CloudFormation resource schema (cfn-lint 1.51's copy), see
        // docs/eks-deploy-facts.md "Updatable, not create-only": IpFamily and ServiceIpv4Cidr, not the whole object.
        var paths = CreateOnlyCatalog.CreateOnlyProperties("AWS::EKS::Cluster").Where(p => p.StartsWith("KubernetesNetworkConfig", StringComparison.Ordinal));

        Assert.Equal(["KubernetesNetworkConfig/IpFamily", "KubernetesNetworkConfig/ServiceIpv4Cidr"], paths);
    }

    [Theory]
    [InlineData("AWS::MSK::Replicator", "ReplicationInfoList/*/SourceKafkaClusterArn")]    // schema: /properties/ReplicationInfoList/*/SourceKafkaClusterArn
    [InlineData("AWS::RedshiftServerless::Snapshot", "Tags/*/Key")]
    [InlineData("AWS::ODB::CloudVmCluster", "DbNodes/*/DbServerId")]
    public void ArrayPathsKeepTheSchemasStar(string type, string path)
    {
        Assert.Contains(path, CreateOnlyCatalog.CreateOnlyProperties(type));
        Assert.DoesNotContain(path.Replace("/*", "", StringComparison.Ordinal), CreateOnlyCatalog.CreateOnlyProperties(type));
    }

    [Fact]
    public void CoversEveryAwsTypeAndNamesItsSource()
    {
        Assert.True(CreateOnlyCatalog.ResourceTypeCount > 1000, $"only {CreateOnlyCatalog.ResourceTypeCount} types");
        Assert.Contains("@aws-cdk/aws-service-spec@", CreateOnlyCatalog.Source, StringComparison.Ordinal);
        Assert.Contains("cfn-lint@1.51.0", CreateOnlyCatalog.Source, StringComparison.Ordinal);
        Assert.False(CreateOnlyCatalog.Covers("Custom::Thing"));
        Assert.False(CreateOnlyCatalog.Covers("AWS::Nope::Nothing"));
    }

    [Theory]
    [InlineData("good.template.json")]
    [InlineData("cost.template.json")]
    public void CoversEveryResourceTypeOfTheTestTemplates(string fileName)
    {
        var assembly = Assembly(Load(fileName));

        Assert.Empty(CreateOnlyCatalog.UncoveredTypes(assembly));
    }

    [Fact]
    public void ReportsTypesItDoesNotCover()
    {
        var template = Good();
        Resources(template)["Thing"] = JsonNode.Parse("""{ "Type": "Custom::Thing" }""");

        Assert.Equal(["Custom::Thing"], CreateOnlyCatalog.UncoveredTypes(Assembly(template)));
    }

    [Theory]
    [InlineData("AWS::EKS::Cluster", true)]
    [InlineData("AWS::EC2::VPC", true)]
    [InlineData("AWS::EC2::Subnet", true)]
    [InlineData("AWS::KMS::Key", true)]
    [InlineData("AWS::Logs::LogGroup", true)]
    [InlineData("AWS::S3::Bucket", true)]
    [InlineData("AWS::DynamoDB::Table", true)]   // from the schema database's stateful flag
    [InlineData("AWS::EKS::Nodegroup", false)]
    [InlineData("AWS::EC2::LaunchTemplate", false)]
    [InlineData("AWS::IAM::Role", false)]
    public void StatefulTypes(string type, bool stateful)
    {
        Assert.Equal(stateful, Replacement.StatefulTypes.IsStateful(type));
    }

    [Theory]
    [InlineData("EncryptionConfig/*/Provider/KeyArn", """["a",null]""")]   // one value per element, absent ones kept in place
    [InlineData("EncryptionConfig/*/Provider", """[{"KeyArn":"a"},{}]""")]
    [InlineData("EncryptionConfig/Provider/KeyArn", null)]                 // an array is only walked where the path says *
    [InlineData("Labels/*", """{"team":"a","tier":"b"}""")]                // * over a map: every value
    [InlineData("KubernetesNetworkConfig/IpFamily", """{"Fn::If":["V6",{"IpFamily":"ipv6"},{"IpFamily":"ipv4"}]}""")] // intrinsic on the way: the intrinsic
    [InlineData("Missing/Path", null)]
    [InlineData("Name", "\"n\"")]
    public void PathsFollowTheSchemaSyntax(string path, string? expected)
    {
        var properties = JsonNode.Parse("""
            {
              "Name": "n",
              "EncryptionConfig": [ { "Provider": { "KeyArn": "a" } }, { "Provider": {} } ],
              "Labels": { "team": "a", "tier": "b" },
              "KubernetesNetworkConfig": { "Fn::If": [ "V6", { "IpFamily": "ipv6" }, { "IpFamily": "ipv4" } ] }
            }
            """)!.AsObject();

        Assert.Equal(expected, PropertyPath.Select(properties, path)?.ToJsonString());
    }
}
