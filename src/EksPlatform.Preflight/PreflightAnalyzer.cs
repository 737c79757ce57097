using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Cost;
using EksPlatform.Preflight.Deploy;
using EksPlatform.Preflight.Diagram;
using EksPlatform.Preflight.Replacement;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight;

/// <summary>Runs every part of the preflight over a cloud assembly. Pure: reads JSON, calls nothing.</summary>
public static class PreflightAnalyzer
{
    /// <summary>The id the SVG diagram carries, so the HTML report and tests can find it.</summary>
    public const string DiagramElementId = "architecture-diagram";

    /// <summary>Summary, compliance, deploy readiness, cost, break-even, replacements (when a baseline is given) and diagrams.</summary>
    public static PreflightReport Analyze(CloudAssembly assembly, PreflightOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(options);
        options.Cost.Validate();

        var templates = assembly.Stacks.Select(s => new TemplateModel(s)).ToList();
        var prices = PriceTable.Default;
        var replacements = options.Baseline is null
            ? []
            : ReplacementDetector.Compare(templates, options.Baseline.Stacks.Select(s => new TemplateModel(s)).ToList());
        var architecture = ArchitectureBuilder.Build(templates);

        return new PreflightReport(
            Summarize(templates),
            ComplianceChecks.Evaluate(templates, options),
            DeployChecks.Evaluate(templates, options),
            CostCalculator.Estimate(templates, options.Cost, prices),
            BreakEvenCalculator.Compute(templates, options.Cost, prices),
            replacements,
            MermaidWriter.Write(architecture),
            SvgWriter.Write(architecture, DiagramElementId),
            options.Baseline is not null);
    }

    private static ResourceSummary Summarize(IReadOnlyList<TemplateModel> templates)
    {
        var stacks = templates.Select(t => new StackSummary(
            t.StackName,
            t.Stack.Environment,
            t.Resources.Count,
            t.Resources.GroupBy(r => r.Type)
                .Select(g => new ResourceTypeCount(g.Key, g.Count()))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Type, StringComparer.Ordinal)
                .ToList())).ToList();
        return new ResourceSummary(stacks.Sum(s => s.ResourceCount), stacks);
    }
}
