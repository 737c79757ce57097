using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using EksPlatform.Settings;

namespace EksPlatform.Nodes;

/// <summary>The bootstrap settings a custom-AMI node needs to join the cluster (values may be CDK tokens).</summary>
/// <param name="ClusterName">settings.kubernetes.cluster-name.</param>
/// <param name="ApiServer">settings.kubernetes.api-server (the cluster endpoint).</param>
/// <param name="ClusterCertificate">settings.kubernetes.cluster-certificate (base64 CA data).</param>
/// <param name="ClusterDnsIp">settings.kubernetes.cluster-dns-ip (service CIDR + .10), set so private nodes do not wait on a lookup.</param>
public sealed record BottlerocketBootstrap(string ClusterName, string ApiServer, string ClusterCertificate, string ClusterDnsIp);

/// <summary>
/// Renders Bottlerocket user data as TOML (docs/bottlerocket.md §3, §4). In managed mode EKS merges its own bootstrap
/// settings, so only what EKS does not inject is written; in custom mode the full bootstrap comes first.
/// Written by hand because the TOML EKS accepts is a small subset (bare keys, simple values, no quoted keys),
/// and because values may be CDK tokens that a TOML library would not pass through untouched.
/// </summary>
public static class BottlerocketUserData
{
    /// <summary>The TOML text for a node group.</summary>
    public static string Render(NodeGroupSettings group, BottlerocketBootstrap? bootstrap)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Render(group.Labels, group.Taints, group.ControlContainer, group.ExtraSettings, bootstrap);
    }

    /// <summary>
    /// The hardening and the extra settings alone, for nodes whose launcher writes the bootstrap, labels and taints itself:
    /// Karpenter merges its own into this text (docs/karpenter.md §6).
    /// </summary>
    public static string Hardening(bool controlContainer, IReadOnlyDictionary<string, object> extraSettings) =>
        Render(ImmutableSortedDictionary<string, string>.Empty, [], controlContainer, extraSettings, null);

    private static string Render(IReadOnlyDictionary<string, string> labels, IReadOnlyList<NodeTaint> taints, bool controlContainer,
        IReadOnlyDictionary<string, object> extraSettings, BottlerocketBootstrap? bootstrap)
    {
        var tables = new SortedDictionary<string, List<(string Key, object Value)>>(StringComparer.Ordinal);
        void Set(string path, object value)
        {
            // The last dot outside a quoted key splits the table from the key.
            var split = path.EndsWith('"') ? path.LastIndexOf(".\"", StringComparison.Ordinal) : path.LastIndexOf('.');
            var table = "settings." + path[..split];
            if (!tables.TryGetValue(table, out var entries))
            {
                tables[table] = entries = [];
            }

            entries.Add((path[(split + 1)..], value));
        }

        if (bootstrap is not null)
        {
            Set("kubernetes.cluster-name", bootstrap.ClusterName);
            Set("kubernetes.api-server", bootstrap.ApiServer);
            Set("kubernetes.cluster-certificate", bootstrap.ClusterCertificate);
            Set("kubernetes.cluster-dns-ip", bootstrap.ClusterDnsIp);

            // A custom-AMI node joins with its labels and taints already set: EKS applies those of the node group API
            // only after the node has joined, so pods could land on it untainted first (docs/bottlerocket.md §3).
            // Label and taint keys hold dots and slashes, so they are quoted keys; taints are key → ["value:Effect"]
            // (bottlerocket-os/bottlerocket sources/api/schnauzer/src/helpers.rs, join_node_taints).
            foreach (var (key, value) in labels)
            {
                Set($"kubernetes.node-labels.{Quoted(key)}", value);
            }

            foreach (var sameKey in taints.GroupBy(t => t.Key, StringComparer.Ordinal))
            {
                Set($"kubernetes.node-taints.{Quoted(sameKey.Key)}", sameKey.Select(t => $"{t.Value}:{t.Effect}").ToArray());
            }
        }

        // Hardening (Bottlerocket SECURITY_GUIDANCE): no admin container (the SSH-capable one); kernel lockdown
        // "integrity" blocks unsigned modules and /dev/mem writes while keeping BPF tooling working.
        Set("host-containers.admin.enabled", false);
        Set("host-containers.control.enabled", controlContainer);
        Set("kernel.lockdown", "integrity");
        foreach (var (key, value) in extraSettings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Set(key, value);
        }

        var text = new StringBuilder();
        foreach (var (table, entries) in tables)
        {
            text.Append('[').Append(table).Append("]\n");
            foreach (var (key, value) in entries)
            {
                text.Append(key).Append(" = ").Append(Value(value)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A TOML basic string (also a quoted key): backslashes and quotes escaped.</summary>
    private static string Quoted(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Value(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string s => Quoted(s),
        string[] list => "[" + string.Join(", ", list.Select(Quoted)) + "]",
        _ => throw new ArgumentException($"unsupported TOML value {value}", nameof(value)),
    };
}
