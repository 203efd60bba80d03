package io.slipway.model.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One shape of an AWS API definition with the constraints and serialization traits the codecs
 * need. Generated model classes build the graph once (shapes first, then members, since shapes may
 * refer to each other in cycles); after that it is read-only.
 */
public final class Shape {
    private final String name;
    private final ShapeType type;
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Member> membersByName = new HashMap<>();
    private Member listMember;
    private Member mapKey;
    private Member mapValue;
    private Long minLength;
    private Long maxLength;
    private Double minValue;
    private Double maxValue;
    private String pattern;
    private volatile Pattern compiledPattern;
    private Set<String> enumValues = Set.of();
    private AwsError error;
    private boolean flattened;
    private boolean sparse;
    private boolean union;
    private boolean sensitive;
    private String xmlName;
    private String xmlNamespace;
    private String timestampFormat;

    public Shape(String name, ShapeType type) {
        this.name = name;
        this.type = type;
    }

    public Shape length(Long min, Long max) {
        this.minLength = min;
        this.maxLength = max;
        return this;
    }

    public Shape range(Double min, Double max) {
        this.minValue = min;
        this.maxValue = max;
        return this;
    }

    public Shape pattern(String regex) {
        this.pattern = regex;
        return this;
    }

    public Shape enumValues(String... values) {
        this.enumValues = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
        return this;
    }

    public Shape error(AwsError awsError) {
        this.error = awsError;
        return this;
    }

    public Shape flattened() {
        this.flattened = true;
        return this;
    }

    public Shape sparse() {
        this.sparse = true;
        return this;
    }

    public Shape union() {
        this.union = true;
        return this;
    }

    public Shape sensitive() {
        this.sensitive = true;
        return this;
    }

    public Shape xmlName(String value) {
        this.xmlName = value;
        return this;
    }

    public Shape xmlNamespace(String uri) {
        this.xmlNamespace = uri;
        return this;
    }

    public Shape timestampFormat(String format) {
        this.timestampFormat = format;
        return this;
    }

    public Shape member(Member member) {
        members.add(member);
        membersByName.put(member.name(), member);
        return this;
    }

    public Shape listMember(Member member) {
        this.listMember = member;
        return this;
    }

    public Shape mapEntry(Member key, Member value) {
        this.mapKey = key;
        this.mapValue = value;
        return this;
    }

    public String name() {
        return name;
    }

    public ShapeType type() {
        return type;
    }

    /** Structure members in model order. */
    public List<Member> members() {
        return members;
    }

    public Member member(String memberName) {
        return membersByName.get(memberName);
    }

    public Member listMember() {
        return listMember;
    }

    public Member mapKey() {
        return mapKey;
    }

    public Member mapValue() {
        return mapValue;
    }

    public Long minLength() {
        return minLength;
    }

    public Long maxLength() {
        return maxLength;
    }

    public Double minValue() {
        return minValue;
    }

    public Double maxValue() {
        return maxValue;
    }

    public String pattern() {
        return pattern;
    }

    /** The pattern compiled on first use, so that start-up compiles none. */
    public Pattern compiledPattern() {
        Pattern p = compiledPattern;
        if (p == null && pattern != null) {
            p = Pattern.compile(pattern);
            compiledPattern = p;
        }
        return p;
    }

    public Set<String> enumValues() {
        return enumValues;
    }

    public AwsError error() {
        return error;
    }

    public boolean isFlattened() {
        return flattened;
    }

    public boolean isSparse() {
        return sparse;
    }

    public boolean isUnion() {
        return union;
    }

    public boolean isSensitive() {
        return sensitive;
    }

    public String xmlName() {
        return xmlName;
    }

    public String xmlNamespace() {
        return xmlNamespace;
    }

    public String timestampFormat() {
        return timestampFormat;
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
