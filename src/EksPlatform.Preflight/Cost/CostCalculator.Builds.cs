using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Cost;

/// <summary>Build minutes of CodeBuild projects, such as the platform's in-VPC controller installer.</summary>
internal static partial class CostCalculator
{
    /// <summary>Compute types with a per-minute price in Data/prices.json (docs/prices.md §7).</summary>
    private static readonly Dictionary<string, string> s_buildMinutePrices = new(StringComparer.Ordinal)
    {
        ["BUILD_GENERAL1_SMALL"] = "codeBuildLinuxSmallMinute",
    };

    /// <summary>One run per deploy, of the assumed length; the free tier is not deducted (docs/prices.md §7).</summary>
    private static void Builds(TemplateModel template, CostAssumptions a, CostLineBuilder lines)
    {
        lines.Category = CostCategory.Builds;
        foreach (var project in template.OfType("AWS::CodeBuild::Project"))
        {
            var minutes = a.DeploysPerMonth * a.InstallerMinutesPerRun;
            var computeType = Intrinsics.AsString(project["Environment"]?["ComputeType"]);
            var note = $"DeploysPerMonth {Number(a.DeploysPerMonth)} × InstallerMinutesPerRun {Number(a.InstallerMinutesPerRun)} " +
                $"({computeType ?? "compute type not literal"}).";
            if (computeType is not null && s_buildMinutePrices.TryGetValue(computeType, out var priceKey))
            {
                lines.Add("CodeBuild build minutes (one run per deploy)", minutes, "build minute", priceKey, [project.LogicalId], note);
            }
            else
            {
                lines.NotPriced("CodeBuild build minutes (one run per deploy)", minutes, "build minute", [project.LogicalId],
                    $"no per-minute price for compute type {computeType ?? "(not literal)"} in Data/prices.json");
            }
        }
    }
}
