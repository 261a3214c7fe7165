// local-aws-sqs 2.0.2 writes message bodies into query-protocol XML with only
// `"` escaped, so a body holding `&` or `<` makes the whole ReceiveMessage
// response unparsable (Debian's awscli, which speaks the query protocol, fails
// on it). This re-escapes each <Body> as real SQS would. A body that literally
// contains the text `&quot;` still comes back as `"`: the emulator's output
// cannot tell the two apart.

// A body ends where the emulator's template closes it: before the message's
// attributes or the end of the message, so `</Body>` inside a body is kept.
const BODY = /<Body>([\s\S]*?)<\/Body>(?=\s*(?:<Attribute>|<MessageAttribute>|<\/Message>))/g;

function escapeXmlText(text) {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("\r", "&#xD;");
}

export function escapeBodies(xml) {
  return xml.replace(BODY, (_, body) => `<Body>${escapeXmlText(body.replaceAll("&quot;", '"'))}</Body>`);
}

// Wraps res.end so that XML answers pass through escapeBodies; the emulator
// sends each answer with a single end(text) call.
export function escapingXmlBodies(res) {
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    const isXml = String(res.getHeader("content-type") ?? "").startsWith("text/xml");
    if (isXml && typeof chunk === "string" && chunk.includes("<Body>")) {
      return end(escapeBodies(chunk), ...rest);
    }
    return end(chunk, ...rest);
  };
  return res;
}
