using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>What every check reads: the stacks of the assembly and the options.</summary>
internal sealed record ComplianceContext(IReadOnlyList<TemplateModel> Templates, PreflightOptions Options)
{
    /// <summary>Every resource of a type over all stacks, with the stack it is in.</summary>
    public IEnumerable<(TemplateModel Template, TemplateResource Resource)> All(string type) =>
        Templates.SelectMany(t => t.OfType(type).Select(r => (t, r)));
}
