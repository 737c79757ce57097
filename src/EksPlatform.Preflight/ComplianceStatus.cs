namespace EksPlatform.Preflight;

/// <summary>Outcome of one compliance check.</summary>
public enum ComplianceStatus
{
    /// <summary>Every resource the check looks at satisfies it.</summary>
    Pass,
    /// <summary>At least one resource fails (see the findings).</summary>
    Fail,
    /// <summary>The templates hold nothing the check applies to (e.g. no cluster): neither pass nor fail.</summary>
    NotApplicable,
}
