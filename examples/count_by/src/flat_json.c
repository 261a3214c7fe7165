#include "flat_json.h"

#include <stdlib.h>
#include <string.h>

static const char* skip_space(const char* p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') ++p;
  return p;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits after "\u"; -1 if they are not. */
static long read_hex4(const char* p) {
  long value = 0;
  for (int i = 0; i < 4; ++i) {
    int digit = hex_value(p[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

static char* put_utf8(char* out, unsigned long code) {
  if (code < 0x80) {
    *out++ = (char)code;
  } else if (code < 0x800) {
    *out++ = (char)(0xC0 | (code >> 6));
    *out++ = (char)(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *out++ = (char)(0xE0 | (code >> 12));
    *out++ = (char)(0x80 | ((code >> 6) & 0x3F));
    *out++ = (char)(0x80 | (code & 0x3F));
  } else {
    *out++ = (char)(0xF0 | (code >> 18));
    *out++ = (char)(0x80 | ((code >> 12) & 0x3F));
    *out++ = (char)(0x80 | ((code >> 6) & 0x3F));
    *out++ = (char)(0x80 | (code & 0x3F));
  }
  return out;
}

/* Decodes the \u escape at `*p` (pointing after the backslash-u), joining a
 * surrogate pair; advances `*p`. Returns the code point, or -1. */
static long read_unicode_escape(const char** p) {
  long high = read_hex4(*p);
  if (high < 0) return -1;
  *p += 4;
  if (high < 0xD800 || high > 0xDBFF) return high;
  if ((*p)[0] != '\\' || (*p)[1] != 'u') return -1;
  long low = read_hex4(*p + 2);
  if (low < 0xDC00 || low > 0xDFFF) return -1;
  *p += 6;
  return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
}

static int unescape(char c, char* out) {
  switch (c) {
    case '"': *out = '"'; return 1;
    case '\\': *out = '\\'; return 1;
    case '/': *out = '/'; return 1;
    case 'b': *out = '\b'; return 1;
    case 'f': *out = '\f'; return 1;
    case 'n': *out = '\n'; return 1;
    case 'r': *out = '\r'; return 1;
    case 't': *out = '\t'; return 1;
    default: return 0;
  }
}

/* Decodes the JSON string whose text starts at `*p` (after its opening
 * quote) into `out`; advances `*p` past the closing quote. 0 if malformed. */
static int decode_string(const char** p, char* out) {
  const char* in = *p;
  while (*in != '"') {
    if (*in == '\0') return 0;
    if (*in != '\\') {
      *out++ = *in++;
      continue;
    }
    ++in;
    if (*in == 'u') {
      ++in;
      long code = read_unicode_escape(&in);
      if (code < 0) return 0;
      out = put_utf8(out, (unsigned long)code);
    } else if (unescape(*in, out)) {
      ++out, ++in;
    } else {
      return 0;
    }
  }
  *out = '\0';
  *p = in + 1;
  return 1;
}

/* Reads the JSON string at `*p` (its opening quote) into a new buffer; NULL
 * when malformed or out of memory. Decoding never lengthens the text, so
 * its raw length is room enough. */
static char* read_string(const char** p) {
  ++*p;
  char* text = malloc(strlen(*p) + 1);
  if (text != NULL && !decode_string(p, text)) {
    free(text);
    return NULL;
  }
  return text;
}

/* Skips a number, true, false or null. NULL when it is anything else. */
static const char* skip_scalar(const char* p) {
  const char* start = p;
  while (*p != '\0' && *p != ',' && *p != '}' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
    if (*p == '{' || *p == '[' || *p == '"') return NULL;
    ++p;
  }
  return p == start ? NULL : p;
}

/* Reads one member of the object at `*p` (at its key); when the key is
 * `key`, keeps its value in `*found` (NULL for null), replacing an earlier
 * one: the last wins. Advances `*p` past the member. 0 if malformed. */
static int read_member(const char** p, const char* key, char** found) {
  if (**p != '"') return 0;
  char* name = read_string(p);
  if (name == NULL) return 0;
  const int wanted = strcmp(name, key) == 0;
  free(name);
  *p = skip_space(*p);
  if (**p != ':') return 0;
  ++*p;
  *p = skip_space(*p);
  if (**p == '"') {
    char* value = read_string(p);
    if (value == NULL) return 0;
    if (!wanted) {
      free(value);
      return 1;
    }
    free(*found);
    *found = value;
    return 1;
  }
  const char* end = skip_scalar(*p);
  if (end == NULL) return 0;
  if (wanted) {
    if (end - *p != 4 || strncmp(*p, "null", 4) != 0) return 0; /* not a string */
    free(*found);
    *found = NULL;
  }
  *p = end;
  return 1;
}

int flat_json_string(const char* json, const char* key, char** out) {
  char* found = NULL;
  const char* p = skip_space(json);
  int ok = *p == '{';
  if (ok) ++p;
  for (p = skip_space(p); ok && *p != '}'; p = skip_space(p)) {
    ok = read_member(&p, key, &found);
    if (!ok) break;
    p = skip_space(p);
    if (*p == ',')
      ++p;
    else
      ok = *p == '}';
  }
  /* The whole object must be well-formed before any of it is believed. */
  if (!ok) {
    free(found);
    return FLAT_JSON_INVALID;
  }
  *out = found;
  return found != NULL ? FLAT_JSON_FOUND : FLAT_JSON_ABSENT;
}
