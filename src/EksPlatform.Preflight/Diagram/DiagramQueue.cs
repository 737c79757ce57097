namespace EksPlatform.Preflight.Diagram;

/// <summary>An SQS queue fed by EventBridge rules (Karpenter's interruption queue), with the events of each rule.</summary>
/// <param name="Key">Diagram id.</param>
/// <param name="LogicalId">The queue's logical id.</param>
/// <param name="Rules">Each feeding rule: its diagram id and its events (<c>source: detail-type</c>).</param>
internal sealed record DiagramQueue(string Key, string LogicalId, IReadOnlyList<(string Key, string Events)> Rules);
