using EksPlatform.Preflight.Compliance;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// A "will it deploy?" check: a pattern that makes CloudFormation fail (or leaves a platform nobody can use), recognised in
/// any template. Each check decides first whether it applies, and says nothing about what it cannot tell from the
/// templates (a deploy-time value, an intrinsic it cannot read): a finding is always something it knows.
/// </summary>
internal abstract class DeployCheck
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>The primary source: the section of docs/deploy-readiness.md and the public page behind it.</summary>
    public abstract string Source { get; }

    public abstract DeployReadinessResult Evaluate(ComplianceContext context);

    protected DeployReadinessResult NotApplicable(string why) => new(Id, Title, Source, ComplianceStatus.NotApplicable, why, [], null);

    protected DeployReadinessResult Outcome(string whatWasChecked, IReadOnlyList<DeployReadinessFinding> findings) =>
        new(Id, Title, Source, findings.Count == 0 ? ComplianceStatus.Pass : ComplianceStatus.Fail, whatWasChecked, findings, null);
}
