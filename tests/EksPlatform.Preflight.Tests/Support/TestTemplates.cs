using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Tests.Support;

/// <summary>The hand-made templates under Templates/ and small helpers to change them.</summary>
internal static class TestTemplates
{
    public const string UsEast1 = "aws://111122223333/us-east-1";

    public static JsonObject Load(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Templates", fileName)))!.AsObject();

    /// <summary>The template that passes every check.</summary>
    public static JsonObject Good() => Load("good.template.json");

    public static CloudAssembly Assembly(JsonObject template, string environment = UsEast1, string stackName = "Platform") =>
        new("", [new StackTemplate(stackName, stackName, environment, template)]);

    public static JsonObject Resources(JsonObject template) => template["Resources"]!.AsObject();

    public static JsonObject Properties(JsonObject template, string logicalId) =>
        Resources(template)[logicalId]!["Properties"]!.AsObject();

    public static JsonObject LaunchTemplateData(JsonObject template, string logicalId) =>
        Properties(template, logicalId)["LaunchTemplateData"]!.AsObject();

    public static PreflightReport Analyze(JsonObject template, PreflightOptions? options = null, string environment = UsEast1) =>
        PreflightAnalyzer.Analyze(Assembly(template, environment), options ?? PreflightOptions.Default);

    public static ComplianceResult Check(PreflightReport report, string id) => Assert.Single(report.Compliance, c => c.Id == id);
}
