using EksPlatform.Preflight.Deploy;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight;

/// <summary>
/// The "will it deploy?" checks on their own, for templates this project did not write: one call over a cloud assembly or a
/// single template returns every check with its findings. <see cref="PreflightAnalyzer.Analyze"/> runs the same checks as
/// part of the whole report. The checks and their sources: docs/deploy-readiness.md.
/// </summary>
public static class DeployReadiness
{
    /// <summary>The ids of the checks, in report order (<c>DEPLOY-001</c> …).</summary>
    public static IReadOnlyList<string> CheckIds { get; } = DeployChecks.All.Select(c => c.Id).ToList();

    /// <summary>Every check over every stack of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">A cloud assembly, from <see cref="CloudAssembly.Load"/> or <see cref="CloudAssembly.FromTemplate"/>.</param>
    /// <param name="options">Accepted check ids and service accounts declared outside the templates; null for none.</param>
    public static IReadOnlyList<DeployReadinessResult> Check(CloudAssembly assembly, PreflightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return DeployChecks.Evaluate(assembly.Stacks.Select(s => new TemplateModel(s)).ToList(), options ?? PreflightOptions.Default);
    }

    /// <summary>Every check over one CloudFormation template file (JSON).</summary>
    /// <param name="templatePath">The template file.</param>
    /// <param name="environment">Where it deploys, <c>aws://ACCOUNT/REGION</c>; the region matters to zone and service-principal checks.</param>
    /// <param name="options">As for <see cref="Check(CloudAssembly, PreflightOptions?)"/>.</param>
    public static IReadOnlyList<DeployReadinessResult> CheckTemplate(string templatePath, string environment, PreflightOptions? options = null) =>
        Check(CloudAssembly.FromTemplate(templatePath, environment), options);
}
